package io.tributary.connect;

import io.tributary.core.model.StreamSettings;
import io.tributary.server.ServerTest;
import io.tributary.server.StreamReader;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The worker against a real server: order, lineage, leases shared and taken over, retries and dead letters, filters. */
class StreamWorkerTest extends ServerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static SyncOptions options(String app) {
        return SyncOptions.defaults(app).withLeaseDuration(Duration.ofMillis(1000))
                .withCheckpointInterval(Duration.ofMillis(100)).withRetryDelays(Duration.ofMillis(5), Duration.ofMillis(20));
    }

    private static void randomWrites(DynamoDbClient client, String table, int count, int keys, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            String k = "k" + r.nextInt(keys);
            switch (r.nextInt(3)) {
                case 0 -> client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(k),
                        "v", AttributeValue.fromN(Integer.toString(r.nextInt(1000))), "name", AttributeValue.fromS("name " + r.nextInt(50)))));
                case 1 -> client.updateItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(k)))
                        .updateExpression("ADD v :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                default -> client.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(k))));
            }
        }
    }

    private static int streamSize(DynamoDbStreamsClient streamsClient, String table) {
        return streamSize(streamsClient, table, ddb);
    }

    private static int streamSize(DynamoDbStreamsClient streamsClient, String table, DynamoDbClient client) {
        String arn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        return StreamReader.readAll(streamsClient, arn).size();
    }

    private static void assertPerKeyOrder(List<ChangeEvent> received) {
        Map<String, String> last = new HashMap<>();
        for (ChangeEvent e : received) {
            String before = last.put(e.keyJson(), e.sequenceNumber());
            if (before != null) assertTrue(SequenceNumbers.compare(before, e.sequenceNumber()) < 0,
                    "changes of " + e.keyJson() + " out of order: " + before + " then " + e.sequenceNumber());
        }
    }

    @Test
    void every_change_reaches_the_sink_once_and_in_order_per_key() throws Exception {
        TestServer.createStreamTable(ddb, "orders", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        CollectingSink sink = new CollectingSink();
        try (StreamWorker worker = new StreamWorker(ddb, streams, "orders", sink, OnFailureDestination.discard(), options("orders-sync")).start()) {
            randomWrites(ddb, "orders", 600, 40, 1);
            TableState.await(WAIT, () -> sink.items().equals(TableState.of(ddb, "orders", "pk")), "the sink to hold the table");
            assertEquals(4, worker.ownedShards().size());
        }
        assertEquals(streamSize(streams, "orders"), sink.received().size(), "each change once");
        assertPerKeyOrder(sink.received());
    }

    @Test
    void children_are_read_only_after_their_parents() throws Exception {
        try (TestServer rolling = TestServer.start(new StreamSettings(2, Duration.ofMillis(150), Duration.ofHours(24),
                Duration.ofMinutes(1), Duration.ofMinutes(15)));
             DynamoDbClient client = rolling.client(); DynamoDbStreamsClient streamsClient = rolling.streamsClient()) {
            TestServer.createStreamTable(client, "rolling", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
            CollectingSink sink = new CollectingSink();
            try (StreamWorker worker = new StreamWorker(client, streamsClient, "rolling", sink, OnFailureDestination.discard(),
                    options("rolling-sync")).start()) {
                for (int round = 0; round < 8; round++) {
                    randomWrites(client, "rolling", 60, 10, round);
                    Thread.sleep(60);
                }
                TableState.await(WAIT, () -> sink.items().equals(TableState.of(client, "rolling", "pk")), "the sink to hold the table");
            }
            assertEquals(streamSize(streamsClient, "rolling", client), sink.received().size(), "each change once");
            assertPerKeyOrder(sink.received());
            assertTrue(sink.received().stream().map(ChangeEvent::shardId).distinct().count() > 4, "the shards rolled over");
        }
    }

    @Test
    void workers_share_the_shards_and_take_over_from_one_that_stops() throws Exception {
        TestServer.createStreamTable(ddb, "shared", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        CollectingSink sink = new CollectingSink();
        StreamWorker first = new StreamWorker(ddb, streams, "shared", sink, OnFailureDestination.discard(), options("shared-sync").withWorkerId("first")).start();
        try (StreamWorker second = new StreamWorker(ddb, streams, "shared", sink, OnFailureDestination.discard(), options("shared-sync").withWorkerId("second")).start()) {
            TableState.await(WAIT, () -> first.ownedShards().size() == 2 && second.ownedShards().size() == 2, "two shards each");
            Set<String> all = new HashSet<>(first.ownedShards());
            all.addAll(second.ownedShards());
            assertEquals(4, all.size());
            randomWrites(ddb, "shared", 300, 30, 2);
            first.halt();
            randomWrites(ddb, "shared", 300, 30, 3);
            TableState.await(WAIT, () -> second.ownedShards().size() == 4, "the survivor to take every shard");
            TableState.await(WAIT, () -> sink.items().equals(TableState.of(ddb, "shared", "pk")), "the sink to hold the table");
        }
    }

    @Test
    void a_restarted_worker_resumes_from_its_checkpoints() throws Exception {
        TestServer.createStreamTable(ddb, "resumed", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        CollectingSink first = new CollectingSink();
        try (StreamWorker w = new StreamWorker(ddb, streams, "resumed", first, OnFailureDestination.discard(), options("resumed-sync")).start()) {
            randomWrites(ddb, "resumed", 200, 20, 4);
            int written = streamSize(streams, "resumed");
            TableState.await(WAIT, () -> first.received().size() == written, "the first changes");
        }
        int before = streamSize(streams, "resumed");
        randomWrites(ddb, "resumed", 100, 20, 5);
        int more = streamSize(streams, "resumed") - before;
        CollectingSink second = new CollectingSink();
        try (StreamWorker w = new StreamWorker(ddb, streams, "resumed", second, OnFailureDestination.discard(), options("resumed-sync")).start()) {
            TableState.await(WAIT, () -> second.received().size() >= more, "the changes made meanwhile");
            Thread.sleep(300);
        }
        assertEquals(more, second.received().size(), "a clean stop checkpoints everything it applied");
    }

    @Test
    void latest_skips_what_was_there_before() throws Exception {
        TestServer.createStreamTable(ddb, "latest", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        randomWrites(ddb, "latest", 50, 10, 6);
        CollectingSink sink = new CollectingSink();
        try (StreamWorker w = new StreamWorker(ddb, streams, "latest", sink, OnFailureDestination.discard(),
                options("latest-sync").withStartingPosition(StartingPosition.LATEST)).start()) {
            TableState.await(WAIT, () -> w.ownedShards().size() == 4, "the leases");
            Thread.sleep(300);
            ddb.putItem(b -> b.tableName("latest").item(Map.of("pk", AttributeValue.fromS("new"))));
            TableState.await(WAIT, () -> sink.received().size() == 1, "the one new change");
        }
        assertEquals("new", sink.received().get(0).keys().get("pk"));
    }

    @Test
    void a_poison_record_goes_to_the_dead_letters_and_the_rest_is_applied(@TempDir Path dir) throws Exception {
        TestServer.createStreamTable(ddb, "poison", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        CollectingSink sink = new CollectingSink(e -> "k7".equals(e.keys().get("pk")) && e.eventName() == EventName.INSERT);
        Path deadLetters = dir.resolve("dead.jsonl");
        for (int i = 0; i < 40; i++) {
            String k = "k" + i;
            ddb.putItem(b -> b.tableName("poison").item(Map.of("pk", AttributeValue.fromS(k))));
        }
        try (JsonLinesDeadLetters dlq = new JsonLinesDeadLetters(deadLetters);
             StreamWorker w = new StreamWorker(ddb, streams, "poison", sink, dlq, options("poison-sync").withBatchSize(100)).start()) {
            TableState.await(WAIT, () -> sink.items().size() == 39, "every other record");
            TableState.await(WAIT, () -> w.stats().deadLettered() == 1, "the poison record dead-lettered");
        }
        List<String> lines = Files.readAllLines(deadLetters);
        assertEquals(1, lines.size());
        var line = EventJson.MAPPER.readTree(lines.get(0));
        assertEquals("{\"pk\":{\"S\":\"k7\"}}", line.get("event").get("keys").toString());
        assertEquals("INSERT", line.get("event").get("eventName").asText());
        assertTrue(line.get("error").asText().contains("refused"));
        assertFalse(sink.items().containsKey("{\"pk\":\"k7\"}"));
    }

    @Test
    void filter_criteria_pass_only_matching_changes() throws Exception {
        TestServer.createStreamTable(ddb, "filtered", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        CollectingSink sink = new CollectingSink();
        FilterCriteria filter = FilterCriteria.parse(List.of(
                "{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [{\"prefix\": \"act\"}]}}}}"));
        try (StreamWorker w = new StreamWorker(ddb, streams, "filtered", sink, OnFailureDestination.discard(),
                options("filtered-sync").withFilter(filter)).start()) {
            ddb.putItem(b -> b.tableName("filtered").item(Map.of("pk", AttributeValue.fromS("a"), "status", AttributeValue.fromS("active"))));
            ddb.putItem(b -> b.tableName("filtered").item(Map.of("pk", AttributeValue.fromS("b"), "status", AttributeValue.fromS("closed"))));
            ddb.putItem(b -> b.tableName("filtered").item(Map.of("pk", AttributeValue.fromS("a"), "status", AttributeValue.fromS("actual"))));
            ddb.putItem(b -> b.tableName("filtered").item(Map.of("pk", AttributeValue.fromS("c"), "status", AttributeValue.fromS("acting"))));
            TableState.await(WAIT, () -> w.stats().read() == 4, "all four read");
            TableState.await(WAIT, () -> sink.received().size() == 2, "the two matching");
            Thread.sleep(200);
        }
        assertEquals(Set.of("a", "c"), Set.copyOf(sink.received().stream().map(e -> e.keys().get("pk")).toList()));
        assertEquals(2, sink.received().size());
    }

    @Test
    void a_checkpoint_trimmed_away_is_reported_and_reading_goes_on_from_the_oldest_record_left() throws Exception {
        try (TestServer shortLived = TestServer.start(new StreamSettings(1, Duration.ofHours(4), Duration.ofMillis(800),
                Duration.ofMillis(50), Duration.ofMinutes(15)));
             DynamoDbClient client = shortLived.client(); DynamoDbStreamsClient streamsClient = shortLived.streamsClient()) {
            TestServer.createStreamTable(client, "short", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
            CollectingSink first = new CollectingSink();
            try (StreamWorker w = new StreamWorker(client, streamsClient, "short", first, OnFailureDestination.discard(), options("short-sync")).start()) {
                for (int i = 0; i < 5; i++) put(client, "short", "old" + i);
                TableState.await(WAIT, () -> first.received().size() == 5, "the first changes");
            }
            for (int i = 0; i < 5; i++) put(client, "short", "missed" + i);
            Thread.sleep(1500);
            for (int i = 0; i < 5; i++) put(client, "short", "new" + i);
            CollectingSink second = new CollectingSink();
            try (StreamWorker w = new StreamWorker(client, streamsClient, "short", second, OnFailureDestination.discard(), options("short-sync")).start()) {
                TableState.await(WAIT, () -> second.received().size() == 5, "the changes still in the stream");
                assertEquals(1, w.stats().gaps(), "the gap is reported once");
            }
            assertEquals(Set.of("new0", "new1", "new2", "new3", "new4"),
                    Set.copyOf(second.received().stream().map(e -> (String) e.keys().get("pk")).toList()));
        }
    }

    @Test
    void a_worker_restarted_under_the_same_name_takes_its_leases_back() throws Exception {
        TestServer.createStreamTable(ddb, "renamed", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        StreamWorker first = new StreamWorker(ddb, streams, "renamed", new CollectingSink(), OnFailureDestination.discard(),
                options("renamed-sync").withWorkerId("same-name")).start();
        TableState.await(WAIT, () -> first.ownedShards().size() == 4, "the leases");
        first.halt();
        randomWrites(ddb, "renamed", 100, 20, 8);
        CollectingSink sink = new CollectingSink();
        try (StreamWorker again = new StreamWorker(ddb, streams, "renamed", sink, OnFailureDestination.discard(),
                options("renamed-sync").withWorkerId("same-name").withLeaseDuration(Duration.ofMinutes(10))).start()) {
            TableState.await(WAIT, () -> sink.items().equals(TableState.of(ddb, "renamed", "pk")), "the sink to hold the table");
            assertEquals(4, again.ownedShards().size());
        }
    }

    @Test
    void an_expired_iterator_is_taken_again_from_the_last_record_read() throws Exception {
        try (TestServer quick = TestServer.start(new StreamSettings(1, Duration.ofHours(4), Duration.ofHours(24),
                Duration.ofMinutes(1), Duration.ofMillis(100)));
             DynamoDbClient client = quick.client(); DynamoDbStreamsClient streamsClient = quick.streamsClient()) {
            TestServer.createStreamTable(client, "slow", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
            CollectingSink inner = new CollectingSink();
            Sink slow = changes -> {
                Thread.sleep(250);
                inner.apply(changes);
            };
            try (StreamWorker w = new StreamWorker(client, streamsClient, "slow", slow, OnFailureDestination.discard(),
                    options("slow-sync").withBatchSize(5)).start()) {
                for (int i = 0; i < 20; i++) put(client, "slow", "k" + i);
                TableState.await(WAIT, () -> inner.items().size() == 20, "every change despite iterators expiring while the sink works");
            }
            assertEquals(20, inner.received().size(), "nothing read twice or skipped");
        }
    }

    @Test
    void at_timestamp_starts_with_the_changes_made_from_then_on() throws Exception {
        TestServer.createStreamTable(ddb, "timed", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        for (int i = 0; i < 5; i++) put(ddb, "timed", "before" + i);
        // Creation times are whole seconds: the time is the start of a second after the first writes.
        java.time.Instant from = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Math.max(0, from.toEpochMilli() - System.currentTimeMillis()) + 20);
        for (int i = 0; i < 5; i++) put(ddb, "timed", "after" + i);
        CollectingSink sink = new CollectingSink();
        try (StreamWorker w = new StreamWorker(ddb, streams, "timed", sink, OnFailureDestination.discard(),
                options("timed-sync").withStartingPosition(StartingPosition.atTimestamp(from))).start()) {
            TableState.await(WAIT, () -> w.stats().read() == 10, "all ten read");
            TableState.await(WAIT, () -> sink.received().size() == 5, "the five made after the time");
        }
        assertTrue(sink.received().stream().allMatch(e -> ((String) e.keys().get("pk")).startsWith("after")));
    }

    @Test
    void dead_letters_can_go_to_a_dynamodb_table() throws Exception {
        TestServer.createStreamTable(ddb, "deadtable", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        CollectingSink sink = new CollectingSink(e -> "bad".equals(e.keys().get("pk")));
        try (StreamWorker w = new StreamWorker(ddb, streams, "deadtable", sink, new DynamoDbDeadLetters(ddb, "deadtable-failed"),
                options("deadtable-sync")).start()) {
            put(ddb, "deadtable", "good");
            put(ddb, "deadtable", "bad");
            TableState.await(WAIT, () -> w.stats().deadLettered() == 1 && sink.items().size() == 1, "one applied, one dead-lettered");
        }
        var failed = ddb.scan(b -> b.tableName("deadtable-failed")).items();
        assertEquals(1, failed.size());
        assertEquals("{\"pk\":\"bad\"}", failed.get(0).get("keys").s());
        assertEquals("deadtable", failed.get(0).get("table").s());
        assertTrue(failed.get(0).get("error").s().contains("refused"));
        assertTrue(EventJson.MAPPER.readTree(failed.get(0).get("event").s()).has("newImage"));
    }

    private static void put(DynamoDbClient client, String table, String key) {
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key))));
    }
}
