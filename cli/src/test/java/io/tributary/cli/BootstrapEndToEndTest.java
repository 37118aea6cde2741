package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.tributary.connect.redis.RedisServer;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `tributary bootstrap` of a 100,000-item table into a real Lucene index and a real redis-server while four
 * threads keep writing: afterwards both hold exactly the table; killed twice with SIGKILL, it goes on from its
 * checkpoints instead of starting over, and still ends equal.
 */
class BootstrapEndToEndTest {
    private static final int ITEMS = 100_000, KEY_SPACE = 105_000, WRITERS = 4;
    private TestServer server;
    private DynamoDbClient ddb;
    private RedisServer redisServer;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void start() throws Exception {
        redisServer = RedisServer.start();
        server = TestServer.start();
        ddb = server.client();
        TestServer.createStreamTable(ddb, "users", "userId", StreamViewType.NEW_AND_OLD_IMAGES);
        redisClient = RedisClient.create(redisServer.uri());
        connection = redisClient.connect();
        redis = connection.sync();
        load();
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        redisClient.shutdown();
        ddb.close();
        server.close();
        redisServer.close();
    }

    private static Map<String, AttributeValue> user(int id, int version) {
        return Map.of("userId", AttributeValue.fromS("user-" + id), "name", AttributeValue.fromS("name " + id + " v" + version),
                "age", AttributeValue.fromN(Integer.toString(18 + id % 70)), "version", AttributeValue.fromN(Integer.toString(version)));
    }

    private void load() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> loaders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t * ITEMS / 4, last = (t + 1) * ITEMS / 4;
            loaders.add(pool.submit(() -> {
                for (int i = first; i < last; i += 25) {
                    List<WriteRequest> batch = IntStream.range(i, Math.min(i + 25, last))
                            .mapToObj(id -> WriteRequest.builder().putRequest(PutRequest.builder().item(user(id, 0)).build()).build()).toList();
                    Map<String, List<WriteRequest>> unprocessed = Map.of("users", batch);
                    while (!unprocessed.isEmpty()) {
                        Map<String, List<WriteRequest>> request = unprocessed;
                        unprocessed = ddb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : loaders) f.get();
        pool.shutdown();
    }

    /** Four threads writing puts, updates and deletes over the table's keys and some new ones, until stopped. */
    private final class Writers implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        private final List<Future<?>> writers = new ArrayList<>();

        Writers() {
            for (int w = 0; w < WRITERS; w++) {
                int seed = w;
                writers.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int n = 1; running.get(); n++) {
                        int id = r.nextInt(KEY_SPACE);
                        Map<String, AttributeValue> key = Map.of("userId", AttributeValue.fromS("user-" + id));
                        int version = n;
                        switch (r.nextInt(3)) {
                            case 0 -> ddb.putItem(b -> b.tableName("users").item(user(id, version)));
                            case 1 -> ddb.updateItem(b -> b.tableName("users").key(key).updateExpression("SET version = :v ADD visits :one")
                                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Integer.toString(version)), ":one", AttributeValue.fromN("1"))));
                            default -> ddb.deleteItem(b -> b.tableName("users").key(key));
                        }
                    }
                    return null;
                }));
            }
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (Future<?> f : writers) f.get();
            pool.shutdown();
        }
    }

    private String[] args(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("--endpoint", server.endpoint().toString(), "--table", "users",
                "--to", redisServer.uri(), "--redis-key", "users:{userId}", "--to", "lucene:" + dir.resolve("index"),
                "--checkpoint-ms", "200", "--lease-ms", "2000", "--worker-id", "bootstrapper", "--dead-letters", dir.resolve("dead.jsonl").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private Map<String, JsonNode> table() throws Exception {
        return SinkContents.table(ddb, "users", "userId");
    }

    private Map<String, JsonNode> cache() throws Exception {
        return SinkContents.cache(redis, "users:");
    }

    private static Map<String, JsonNode> index(Path dir) throws Exception {
        return SinkContents.index(dir.resolve("index"), "userId", KEY_SPACE * 2);
    }

    private static void assertSame(Map<String, JsonNode> expected, Map<String, JsonNode> actual, String what) {
        SinkContents.assertSame(expected, actual, what);
    }

    private static JsonNode summary(Path log) throws Exception {
        return SinkContents.summary(log);
    }

    private long checkpointedItems() {
        Map<String, AttributeValue> item;
        try {
            item = ddb.getItem(b -> b.tableName("tributary-bootstrap-users").consistentRead(true)
                    .key(Map.of("leaseKey", AttributeValue.fromS("tributary:bootstrap:users")))).item();
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException notYet) {
            return 0;
        }
        return item == null || !item.containsKey("itemsApplied") ? 0 : Long.parseLong(item.get("itemsApplied").n());
    }

    private void awaitCheckpoint(long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (checkpointedItems() < atLeast) {
            if (System.nanoTime() > deadline) throw new AssertionError("no checkpoint past " + atLeast + " items");
            Thread.sleep(20);
        }
    }

    @Test
    void bootstrap_while_writes_go_on_ends_equal_to_the_table(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("bootstrap.log");
        try (Writers writers = new Writers()) {
            Thread.sleep(500);
            SyncProcess bootstrap = SyncProcess.command(log, "bootstrap", "bootstrapping ", args(dir, "--until-caught-up", "--json"));
            awaitCheckpoint(ITEMS / 2);
            // The writes stop while the scan still has half the table to go: --until-caught-up ends at the first
            // moment it has caught up, and that moment must come after the last write for the sinks to equal the table.
            writers.close();
            assertEquals(0, bootstrap.waitForExit(300));
        }
        JsonNode summary = summary(log);
        assertEquals("snapshot", summary.get("mode").asText(), "Tributary gives a consistent snapshot");
        assertTrue(summary.get("caughtUp").asBoolean());
        assertTrue(summary.get("changesApplied").asLong() > 0, "changes made during the scan came from the stream");
        Map<String, JsonNode> expected = table();
        assertSame(expected, cache(), "the cache");
        assertSame(expected, index(dir), "the search index");
    }

    @Test
    void killed_twice_it_goes_on_from_its_checkpoints_and_ends_equal(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("bootstrap.log");
        String[] args = args(dir, "--scan-page-items", "500", "--segments", "2");
        long secondCheckpoint;
        try (Writers writers = new Writers()) {
            SyncProcess first = SyncProcess.command(log, "bootstrap", "bootstrapping ", args);
            awaitCheckpoint(20_000);
            first.kill();
            long firstCheckpoint = checkpointedItems();
            SyncProcess second = SyncProcess.command(log, "bootstrap", "bootstrapping ", args);
            awaitCheckpoint(firstCheckpoint + 20_000);
            second.kill();
            secondCheckpoint = checkpointedItems();
            assertTrue(secondCheckpoint < ITEMS - 10_000, "killed during the scan: " + secondCheckpoint);
        }
        Path lastLog = dir.resolve("last.log");
        SyncProcess last = SyncProcess.command(lastLog, "bootstrap", "bootstrapping ", args(dir, "--scan-page-items", "500", "--segments", "2",
                "--until-caught-up", "--json"));
        assertEquals(0, last.waitForExit(300));
        JsonNode summary = summary(lastLog);
        assertEquals(secondCheckpoint, summary.get("resumedFrom").asLong(), "it went on from the last checkpoint");
        assertTrue(summary.get("itemsRead").asLong() <= KEY_SPACE - secondCheckpoint,
                "it read only what was left: " + summary.get("itemsRead") + " items after " + secondCheckpoint);
        Map<String, JsonNode> expected = table();
        assertSame(expected, cache(), "the cache");
        assertSame(expected, index(dir), "the search index");
    }
}
