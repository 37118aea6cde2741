package io.tributary.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.model.AttributeValue;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A PutItem body from bytes to the item model, as the server does before any storage work. */
@State(Scope.Benchmark)
public class RequestDecoding {
    private final byte[] body = SampleItem.JSON.getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public JsonNode parseJson() {
        return Json.parseRequest(body);
    }

    @Benchmark
    public Map<String, AttributeValue> parseJsonIntoItem() {
        return AttributeValueJson.parseItem(Json.parseRequest(body).get("Item"), "Item");
    }
}
