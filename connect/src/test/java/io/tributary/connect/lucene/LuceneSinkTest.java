package io.tributary.connect.lucene;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventName;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.SyncOptions;
import io.tributary.server.ServerTest;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The search sink: a real Lucene index on disk following a real stream. */
class LuceneSinkTest extends ServerTest {
    private static ChangeEvent change(EventName name, String key, String seq, Map<String, Object> image) {
        return new ChangeEvent("t", name, Map.of("id", key), null, image, seq, Instant.now(), "shard", 10, "e", "us-east-1",
                "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x", "NEW_IMAGE");
    }

    private static Set<String> ids(List<LuceneSearch.Hit> hits) {
        Set<String> ids = new HashSet<>();
        hits.forEach(h -> ids.add(h.item().get("userId").asText()));
        return ids;
    }

    @Test
    void the_index_follows_the_table_and_answers_text_keyword_and_range_queries(@TempDir Path dir) throws Exception {
        TestServer.createStreamTable(ddb, "people", "userId", StreamViewType.NEW_AND_OLD_IMAGES);
        Path index = dir.resolve("index");
        String[] cities = {"Lisbon", "Porto", "Oslo"};
        try (LuceneSink sink = new LuceneSink(index, Map.of("city", FieldKind.KEYWORD));
             StreamWorker worker = new StreamWorker(ddb, streams, "people", sink, OnFailureDestination.discard(),
                     SyncOptions.defaults("people-search").withCheckpointInterval(Duration.ofMillis(100))).start()) {
            Random r = new Random(3);
            for (int i = 0; i < 600; i++) {
                String id = "u" + r.nextInt(60);
                if (r.nextInt(5) == 0) ddb.deleteItem(b -> b.tableName("people").key(Map.of("userId", AttributeValue.fromS(id))));
                else ddb.putItem(b -> b.tableName("people").item(Map.of("userId", AttributeValue.fromS(id),
                        "bio", AttributeValue.fromS("likes " + (r.nextBoolean() ? "green tea" : "black coffee")),
                        "city", AttributeValue.fromS(cities[r.nextInt(3)]), "age", AttributeValue.fromN(Integer.toString(18 + r.nextInt(60))))));
            }
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (worker.stats().applied() < 1 || !ids(LuceneSearch.search(index, "*:*", 1000)).equals(tableIds(null))) {
                if (System.nanoTime() > end) break;
                Thread.sleep(50);
            }
        }
        assertEquals(tableIds(null), ids(LuceneSearch.search(index, "*:*", 1000)), "exactly the table's items");
        assertEquals(tableIds(i -> i.get("bio").s().contains("tea")), ids(LuceneSearch.search(index, "tea", 1000)));
        assertEquals(tableIds(i -> i.get("city").s().equals("Porto")), ids(LuceneSearch.search(index, "city:Porto", 1000)));
        assertEquals(tableIds(i -> Integer.parseInt(i.get("age").n()) >= 30 && Integer.parseInt(i.get("age").n()) <= 40),
                ids(LuceneSearch.search(index, "age:[30 TO 40]", 1000)));
        assertEquals(tableIds(i -> i.get("bio").s().contains("coffee") && i.get("city").s().equals("Oslo")),
                ids(LuceneSearch.search(index, "coffee AND city:Oslo", 1000)));
        var one = LuceneSearch.search(index, "*:*", 1).get(0).item();
        assertTrue(one.get("age").isNumber(), "items come back as plain JSON");
    }

    private static Set<String> tableIds(java.util.function.Predicate<Map<String, AttributeValue>> filter) {
        Set<String> ids = new HashSet<>();
        for (var item : ddb.scanPaginator(b -> b.tableName("people")).items()) {
            if (filter == null || filter.test(item)) ids.add(item.get("userId").s());
        }
        return ids;
    }

    @Test
    void older_or_repeated_changes_never_win(@TempDir Path dir) throws Exception {
        try (LuceneSink sink = new LuceneSink(dir, Map.of())) {
            sink.apply(List.of(change(EventName.INSERT, "a", "00000000000000000020", Map.of("id", "a", "name", "new name"))));
            sink.apply(List.of(change(EventName.MODIFY, "a", "00000000000000000010", Map.of("id", "a", "name", "old name"))));
            sink.flush();
            assertEquals("new name", LuceneSearch.search(dir, "id:a", 10).get(0).item().get("name").asText());
            sink.apply(List.of(change(EventName.REMOVE, "a", "00000000000000000030", null),
                    change(EventName.INSERT, "a", "00000000000000000020", Map.of("id", "a", "name", "new name"))));
            sink.flush();
            assertTrue(LuceneSearch.search(dir, "id:a", 10).isEmpty(), "a redelivered insert does not bring a removed item back");
            sink.apply(List.of(change(EventName.INSERT, "a", "00000000000000000040", Map.of("id", "a", "n", new BigDecimal("7")))));
        }
        assertEquals(7, LuceneSearch.search(dir, "n:7", 10).get(0).item().get("n").asInt(), "closing commits; numbers kept");
    }
}
