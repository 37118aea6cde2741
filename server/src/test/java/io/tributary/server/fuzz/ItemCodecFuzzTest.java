package io.tributary.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.storage.ItemCodec;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.Json;
import io.tributary.server.json.StoredItemJson;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The item codec and the response writer: any item DynamoDB accepts, encoded as stored, decodes to itself,
 * and the JSON written straight from its stored bytes reads back as the same item.
 */
class ItemCodecFuzzTest {
    @FuzzTest(maxDuration = "25s")
    void stored_items_decode_and_write_as_they_were(byte[] data) {
        Map<String, AttributeValue> item = new FuzzInput(data).item(AttributeValueJson.MAX_DEPTH);
        byte[] stored = ItemCodec.encode(item);
        assertEquals(item, ItemCodec.decode(stored));
        assertEquals(AttributeValue.itemSize(item), ItemCodec.itemSize(stored));
        byte[] json = Json.write(Json.MAPPER.createObjectNode().set("Item", StoredItemJson.of(stored)));
        assertEquals(item, AttributeValueJson.parseItem(Json.parseRequest(json).get("Item"), "Item"));
    }
}
