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
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `tributary sync` as people run it: worker processes following a real server into a real Lucene index and a
 * real redis-server while four threads write 20,000 random changes over 2,000 keys; workers are killed with
 * SIGKILL and restarted, or share the stream; at the end the index and the cache hold exactly the table.
 */
class SyncEndToEndTest {
    private static final int WRITERS = 4, CHANGES = 20_000, KEYS = 2_000;
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
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        redisClient.shutdown();
        ddb.close();
        server.close();
        redisServer.close();
    }

    private String[] syncArgs(Path dir, boolean lucene, String workerId) {
        List<String> args = new ArrayList<>(List.of("--endpoint", server.endpoint().toString(), "--table", "users",
                "--to", redisServer.uri(), "--redis-key", "users:{userId}", "--lease-ms", "2000", "--checkpoint-ms", "200",
                "--worker-id", workerId, "--dead-letters", dir.resolve("dead-" + workerId + ".jsonl").toString()));
        if (lucene) args.addAll(List.of("--to", "lucene:" + dir.resolve("index")));
        return args.toArray(String[]::new);
    }

    /** Four writers, 20,000 puts, updates and deletes over 2,000 keys; {@code during} runs at the given change counts. */
    private void write(Map<Integer, Runnable> during) throws Exception {
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int seed = w;
            writers.add(pool.submit(() -> {
                Random r = new Random(seed);
                for (int i = 0; i < CHANGES / WRITERS; i++) {
                    String id = "user-" + r.nextInt(KEYS);
                    Map<String, AttributeValue> key = Map.of("userId", AttributeValue.fromS(id));
                    switch (r.nextInt(4)) {
                        case 0, 1 -> ddb.putItem(b -> b.tableName("users").item(Map.of("userId", AttributeValue.fromS(id),
                                "name", AttributeValue.fromS("name " + r.nextInt(500) + " likes " + (r.nextBoolean() ? "tea" : "coffee")),
                                "age", AttributeValue.fromN(Integer.toString(18 + r.nextInt(70))),
                                "tags", AttributeValue.fromSs(List.of("t" + r.nextInt(5), "all")))));
                        case 2 -> ddb.updateItem(b -> b.tableName("users").key(key).updateExpression("ADD visits :one SET seen = :s")
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":s", AttributeValue.fromBool(r.nextBoolean()))));
                        default -> ddb.deleteItem(b -> b.tableName("users").key(key));
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        List<Integer> marks = new ArrayList<>(during.keySet());
        marks.sort(null);
        for (int mark : marks) {
            while (done.get() < mark) Thread.sleep(5);
            during.get(mark).run();
        }
        for (Future<?> f : writers) f.get();
        pool.shutdown();
    }

    private Map<String, JsonNode> table() throws Exception {
        return SinkContents.table(ddb, "users", "userId");
    }

    private Map<String, JsonNode> cache() throws Exception {
        return SinkContents.cache(redis, "users:");
    }

    private Map<String, JsonNode> index(Path dir) throws Exception {
        return SinkContents.index(dir.resolve("index"), "userId", KEYS * 2);
    }

    private void awaitCache(Map<String, JsonNode> expected) throws Exception {
        long end = System.nanoTime() + 120_000_000_000L;
        while (!cache().equals(expected)) {
            if (System.nanoTime() > end) break;
            Thread.sleep(250);
        }
    }

    private static void assertSame(Map<String, JsonNode> expected, Map<String, JsonNode> actual, String what) {
        SinkContents.assertSame(expected, actual, what);
    }

    @Test
    void index_and_cache_hold_the_table_after_the_worker_is_killed_twice(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("sync.log");
        SyncProcess[] worker = {SyncProcess.start(log, syncArgs(dir, true, "w1"))};
        Runnable killAndRestart = () -> {
            try {
                worker[0].kill();
                worker[0] = SyncProcess.start(log, syncArgs(dir, true, "w1-again-" + System.nanoTime()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        write(Map.of(6_000, killAndRestart, 13_000, killAndRestart));
        Map<String, JsonNode> expected = table();
        awaitCache(expected);
        worker[0].close();
        assertSame(expected, cache(), "the cache");
        assertSame(expected, index(dir), "the search index");
    }

    @Test
    void two_workers_share_the_stream_and_the_survivor_finishes_it(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("sync.log");
        try (SyncProcess first = SyncProcess.start(log, syncArgs(dir, false, "first"));
             SyncProcess second = SyncProcess.start(log, syncArgs(dir, false, "second"))) {
            write(Map.of(8_000, () -> {
                try {
                    first.kill();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            Map<String, JsonNode> expected = table();
            awaitCache(expected);
            assertSame(expected, cache(), "the cache");
        }
    }
}
