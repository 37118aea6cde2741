package io.tributary.bench.micro;

import io.tributary.core.model.AttributeValue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The item every micro-benchmark works on: about 200 bytes, shaped like the load scenarios' items. */
final class SampleItem {
    static final String JSON = """
            {"TableName":"bench","Item":{"pk":{"S":"user#000123"},"sk":{"N":"42"},"data":{"S":"%s"},\
            "count":{"N":"7"},"tags":{"SS":["a","b","c"]},"active":{"BOOL":true}}}""".formatted("x".repeat(120));

    private SampleItem() {}

    static Map<String, AttributeValue> item() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.s("user#000123"));
        item.put("sk", AttributeValue.n(42));
        item.put("data", AttributeValue.s("x".repeat(120)));
        item.put("count", AttributeValue.n(new BigDecimal("7")));
        item.put("tags", AttributeValue.ss(List.of("a", "b", "c")));
        item.put("active", AttributeValue.TRUE);
        return item;
    }
}
