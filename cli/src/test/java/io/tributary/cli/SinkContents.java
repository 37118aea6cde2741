package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import io.tributary.connect.EventJson;
import io.tributary.connect.PlainValues;
import io.tributary.connect.lucene.LuceneSearch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A table, a Redis cache and a Lucene index as maps from an item's key to its item as plain JSON, to compare. */
final class SinkContents {
    private SinkContents() {}

    static Map<String, JsonNode> table(DynamoDbClient ddb, String table, String key) throws Exception {
        Map<String, JsonNode> items = new HashMap<>();
        for (Map<String, AttributeValue> item : ddb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()) {
            items.put(item.get(key).s(), EventJson.MAPPER.readTree(EventJson.item(PlainValues.item(item), false).toString()));
        }
        return items;
    }

    /** The cache's keys under {@code prefix}, each without it. */
    static Map<String, JsonNode> cache(RedisCommands<String, String> redis, String prefix) throws Exception {
        Map<String, JsonNode> items = new HashMap<>();
        ScanIterator<String> keys = ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + "*").limit(10_000));
        List<String> names = new ArrayList<>();
        while (keys.hasNext()) names.add(keys.next());
        for (int i = 0; i < names.size(); i += 5_000) {
            for (var kv : redis.mget(names.subList(i, Math.min(i + 5_000, names.size())).toArray(String[]::new))) {
                if (kv.hasValue()) items.put(kv.getKey().substring(prefix.length()), EventJson.MAPPER.readTree(kv.getValue()));
            }
        }
        return items;
    }

    static Map<String, JsonNode> index(Path index, String key, int most) throws Exception {
        Map<String, JsonNode> items = new HashMap<>();
        for (LuceneSearch.Hit hit : LuceneSearch.search(index, "*:*", most)) {
            JsonNode item = EventJson.MAPPER.readTree(hit.item().toString());
            assertNull(items.put(item.get(key).asText(), item), "one document per item");
        }
        return items;
    }

    static void assertSame(Map<String, JsonNode> expected, Map<String, JsonNode> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + " holds as many items as the table");
        for (String k : expected.keySet()) assertEquals(expected.get(k), actual.get(k), what + ": item " + k);
    }

    /** The last JSON line a command printed into its log. */
    static JsonNode summary(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) if (lines.get(i).startsWith("{")) return EventJson.MAPPER.readTree(lines.get(i));
        throw new AssertionError("no JSON summary in " + log);
    }
}
