package io.tributary.connect;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/** A table's items as plain values keyed like sinks key them, and waiting for a condition in tests. */
final class TableState {
    private TableState() {}

    static Map<String, Map<String, Object>> of(DynamoDbClient ddb, String table, String... keyNames) {
        Map<String, Map<String, Object>> state = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item -> {
            Map<String, AttributeValue> key = new TreeMap<>();
            for (String k : keyNames) key.put(k, item.get(k));
            state.put(EventJson.item(PlainValues.item(key), false).toString(), PlainValues.item(item));
        });
        return state;
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
