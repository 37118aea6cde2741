package io.tributary.connect.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.EventName;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.SyncOptions;
import io.tributary.server.ServerTest;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The cache sink against a real redis-server and a real stream. */
class RedisSinkTest extends ServerTest {
    private static RedisServer redisServer;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redisServer = RedisServer.start();
        client = RedisClient.create(redisServer.uri());
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (connection != null) connection.close();
        if (client != null) client.shutdown();
        if (redisServer != null) redisServer.close();
    }

    private static ChangeEvent change(EventName name, String key, String seq, Map<String, Object> image) {
        return new ChangeEvent("t", name, Map.of("id", key), null, image, seq, Instant.now(), "shard", 10, "e", "us-east-1",
                "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x", "NEW_IMAGE");
    }

    @Test
    void write_through_holds_exactly_the_table() throws Exception {
        TestServer.createStreamTable(ddb, "users", "userId", StreamViewType.NEW_AND_OLD_IMAGES);
        try (RedisSink sink = new RedisSink(redisServer.uri(), new KeyTemplate("users:{userId}"), RedisSink.Mode.WRITE_THROUGH);
             StreamWorker worker = new StreamWorker(ddb, streams, "users", sink, OnFailureDestination.discard(),
                     SyncOptions.defaults("users-cache").withCheckpointInterval(Duration.ofMillis(100))).start()) {
            Random r = new Random(7);
            for (int i = 0; i < 1000; i++) {
                String id = "u" + r.nextInt(100);
                if (r.nextInt(4) == 0) ddb.deleteItem(b -> b.tableName("users").key(Map.of("userId", AttributeValue.fromS(id))));
                else ddb.putItem(b -> b.tableName("users").item(Map.of("userId", AttributeValue.fromS(id),
                        "age", AttributeValue.fromN(Integer.toString(r.nextInt(90))), "tags", AttributeValue.fromSs(List.of("a", "b")))));
            }
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!cacheMatchesTable() && System.nanoTime() < end) Thread.sleep(50);
        }
        assertTrue(cacheMatchesTable(), "every key of the cache is the table's item, and nothing else");
    }

    private static boolean cacheMatchesTable() throws Exception {
        Set<String> expected = new HashSet<>();
        for (Map<String, AttributeValue> item : ddb.scanPaginator(b -> b.tableName("users")).items()) {
            String key = "users:" + item.get("userId").s();
            expected.add(key);
            String cached = redis.get(key);
            if (cached == null) return false;
            var json = EventJson.MAPPER.readTree(cached);
            if (!json.get("age").decimalValue().equals(new BigDecimal(item.get("age").n()))) return false;
            if (!json.get("tags").toString().equals("[\"a\",\"b\"]")) return false;
        }
        return new HashSet<>(redis.keys("users:*")).equals(expected);
    }

    @Test
    void an_older_or_repeated_change_never_overwrites_a_newer_one() throws Exception {
        try (RedisSink sink = new RedisSink(redisServer.uri(), new KeyTemplate("v:{id}"), RedisSink.Mode.WRITE_THROUGH)) {
            sink.apply(List.of(change(EventName.INSERT, "a", "000000000000000000120", Map.of("id", "a", "n", new BigDecimal(2)))));
            sink.apply(List.of(change(EventName.MODIFY, "a", "000000000000000000099", Map.of("id", "a", "n", new BigDecimal(1)))));
            assertEquals(json("{\"id\":\"a\",\"n\":2}"), json(redis.get("v:a")));
            sink.apply(List.of(change(EventName.REMOVE, "a", "000000000000000000121", null)));
            sink.apply(List.of(change(EventName.INSERT, "a", "000000000000000000120", Map.of("id", "a", "n", new BigDecimal(2)))));
            assertNull(redis.get("v:a"), "a redelivered insert does not bring a deleted item back");
            sink.apply(List.of(change(EventName.INSERT, "a", "1000000000000000000000", Map.of("id", "a", "n", new BigDecimal(3)))));
            assertEquals(json("{\"id\":\"a\",\"n\":3}"), json(redis.get("v:a")), "a longer sequence number is a higher one");
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
        return EventJson.MAPPER.readTree(text);
    }

    @Test
    void invalidate_deletes_the_key_on_every_change() throws Exception {
        try (RedisSink sink = new RedisSink(redisServer.uri(), new KeyTemplate("i:{id}"), RedisSink.Mode.INVALIDATE)) {
            redis.set("i:b", "stale");
            sink.apply(List.of(change(EventName.MODIFY, "b", "000000000000000000005", null)));
            assertNull(redis.get("i:b"));
        }
    }

    @Test
    void a_restarted_redis_is_written_again() throws Exception {
        try (RedisSink sink = new RedisSink(redisServer.uri(), new KeyTemplate("f:{id}"), RedisSink.Mode.WRITE_THROUGH)) {
            redis.scriptFlush();
            assertThrows(Exception.class, () -> sink.apply(List.of(change(EventName.INSERT, "c", "000000000000000000007", Map.of("id", "c")))));
            sink.apply(List.of(change(EventName.INSERT, "c", "000000000000000000007", Map.of("id", "c"))));
            assertEquals("{\"id\":\"c\"}", redis.get("f:c"));
        }
    }
}
