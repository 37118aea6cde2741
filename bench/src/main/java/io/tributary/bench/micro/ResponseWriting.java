package io.tributary.bench.micro;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.storage.ItemCodec;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.Json;
import io.tributary.server.json.StoredItemJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.Map;

/** Answers to bytes: a GetItem's one item, and a Query page of 100 from stored items, as the server writes them. */
@State(Scope.Benchmark)
public class ResponseWriting {
    private final Map<String, AttributeValue> item = SampleItem.item();
    private final byte[] stored = ItemCodec.encode(item);

    @Benchmark
    public byte[] getItem() {
        ObjectNode out = Json.object();
        out.set("Item", AttributeValueJson.writeItem(item));
        return Json.write(out);
    }

    /** A GetItem answer written from the stored item, as GetItem answers without a projection. */
    @Benchmark
    public byte[] getItemAsStored() {
        ObjectNode out = Json.object();
        out.set("Item", StoredItemJson.of(stored));
        return Json.write(out);
    }

    /** A page from stored items the way a projection or filter needs it: each decoded, sized, then written. */
    @Benchmark
    public byte[] queryPageDecoded() {
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("Items");
        long bytes = 0;
        for (int i = 0; i < 100; i++) {
            Map<String, AttributeValue> decoded = ItemCodec.decode(stored);
            bytes += AttributeValue.itemSize(decoded);
            items.add(AttributeValueJson.writeItem(decoded));
        }
        return page(out, bytes);
    }

    /** A page from stored items copied straight out, as Query and Scan answer without a projection or filter. */
    @Benchmark
    public byte[] queryPageAsStored() throws IOException {
        ObjectNode out = Json.object();
        StoredItemJson.Page items = StoredItemJson.page();
        long bytes = 0;
        for (int i = 0; i < 100; i++) {
            bytes += ItemCodec.itemSize(stored);
            items.add(stored);
        }
        out.set("Items", items.end());
        return page(out, bytes);
    }

    private static byte[] page(ObjectNode out, long bytes) {
        out.put("Count", 100);
        out.put("ScannedCount", 100);
        out.put("Bytes", bytes);
        return Json.write(out);
    }
}
