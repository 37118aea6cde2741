package io.tributary.bench.micro;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.model.AttributeValue;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.Map;

/** Answers from stored items to bytes: a GetItem's one item and a Query page of 100, as the server writes them. */
@State(Scope.Benchmark)
public class ResponseWriting {
    private final Map<String, AttributeValue> item = SampleItem.item();

    @Benchmark
    public byte[] getItem() {
        ObjectNode out = Json.object();
        out.set("Item", AttributeValueJson.writeItem(item));
        return Json.write(out);
    }

    @Benchmark
    public byte[] queryPage() {
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("Items");
        for (int i = 0; i < 100; i++) items.add(AttributeValueJson.writeItem(item));
        out.put("Count", 100);
        out.put("ScannedCount", 100);
        return Json.write(out);
    }
}
