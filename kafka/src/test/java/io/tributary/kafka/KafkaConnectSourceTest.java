package io.tributary.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The source connector in a real Kafka Connect worker (distributed mode) feeding a real KRaft broker, both in this
 * JVM, reading a real Tributary: 10,000 mixed writes, and a plain KafkaConsumer rebuilds the table from the
 * envelopes, equal to it key by key; duplicates allowed, nothing missing, each key's changes in order.
 */
class KafkaConnectSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHANGES = 10_000, KEYS = 1_000, WRITERS = 4;

    @TempDir
    static Path dir;
    private static TestServer tributary;
    private static DynamoDbClient ddb;
    private static KafkaBroker kafka;
    private static ConnectWorker worker;

    @BeforeAll
    static void start() throws Exception {
        tributary = TestServer.start();
        ddb = tributary.client();
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        worker = ConnectWorker.start(kafka.bootstrapServers(), "tributary-connect");
    }

    @AfterAll
    static void stop() {
        if (worker != null) worker.close();
        if (kafka != null) kafka.close();
        if (ddb != null) ddb.close();
        if (tributary != null) tributary.close();
    }

    private static Map<String, String> connectorConfig(String table, int tasks, String... more) {
        Map<String, String> config = new TreeMap<>(Map.of(
                "connector.class", StreamSourceConnector.class.getName(), "tasks.max", Integer.toString(tasks), "table", table,
                "dynamodb.endpoint", tributary.endpoint().toString(), "aws.access.key.id", "connect", "aws.secret.access.key", "connect",
                "poll.idle.ms", "100", "shards.refresh.ms", "1000"));
        for (int i = 0; i < more.length; i += 2) config.put(more[i], more[i + 1]);
        return config;
    }

    private static void createConnector(String name, String table, int tasks, String... more) throws Exception {
        HttpResponse<String> r = worker.call("PUT", "/connectors/" + name + "/config", JSON.writeValueAsString(connectorConfig(table, tasks, more)));
        assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.body());
    }

    @Test
    void an_initial_snapshot_then_the_stream_from_where_it_was_taken() throws Exception {
        TestServer.createStreamTable(ddb, "profiles", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        write("profiles", () -> {});
        createConnector("profiles-source", "profiles", 2, "snapshot.mode", "initial");
        write("profiles", () -> {});
        List<JsonNode> envelopes = TopicCheck.assertRebuildsTable(ddb, kafka, "profiles", "tributary.profiles", true);
        List<JsonNode> reads = envelopes.stream().filter(e -> e.path("op").asText().equals("r")).toList();
        // the snapshot is taken when the connector starts, while the second round of writes begins: its size is not known here
        assertTrue(reads.size() > 100, reads.size() + " snapshot reads");
        assertEquals(reads.size(), reads.stream().map(KafkaConnectSourceTest::keyOfAfter).distinct().count(),
                "each item read once");
        assertEquals(1, reads.stream().filter(e -> e.path("source").path("snapshot").asText().equals("last")).count());
        for (JsonNode r : reads) {
            assertTrue(r.path("before").isNull() && r.path("source").path("shard").isNull(), r.toString());
            assertEquals(reads.get(0).path("source").path("sequence_number"), r.path("source").path("sequence_number"), "one snapshot, one position");
        }
        // nothing from before the snapshot was streamed: every c/u/d is newer than the snapshot's position
        BigInteger at = new BigInteger(reads.get(0).path("source").path("sequence_number").asText());
        for (JsonNode e : envelopes) {
            if (!e.path("op").asText().equals("r")) assertTrue(new BigInteger(e.path("source").path("sequence_number").asText()).compareTo(at) > 0, e.toString());
        }
    }

    private static String keyOfAfter(JsonNode envelope) {
        try {
            return JSON.readTree(envelope.path("after").asText()).path("pk").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Puts, updates and deletes over KEYS keys from WRITERS threads; {@code halfway} runs once half are done. */
    private static void write(String table, Runnable halfway) throws Exception {
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int seed = w;
            writers.add(pool.submit(() -> {
                Random r = new Random(seed);
                for (int i = 0; i < CHANGES / WRITERS; i++) {
                    String id = "k" + r.nextInt(KEYS);
                    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(id));
                    switch (r.nextInt(4)) {
                        case 0, 1 -> ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(id),
                                "name", AttributeValue.fromS("name " + r.nextInt(100)), "n", AttributeValue.fromN(Integer.toString(r.nextInt(1000))),
                                "tags", AttributeValue.fromSs(List.of("t" + r.nextInt(3), "all")))));
                        case 2 -> ddb.updateItem(b -> b.tableName(table).key(key).updateExpression("ADD visits :one")
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                        default -> ddb.deleteItem(b -> b.tableName(table).key(key));
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        while (done.get() < CHANGES / 2) Thread.sleep(5);
        halfway.run();
        for (Future<?> f : writers) f.get();
        pool.shutdown();
    }

    @Test
    void ten_thousand_changes_rebuild_the_table_with_a_task_restarted_midway() throws Exception {
        TestServer.createStreamTable(ddb, "orders", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        createConnector("orders-source", "orders", 1);
        write("orders", () -> {
            try {
                HttpResponse<String> r = worker.call("POST", "/connectors/orders-source/tasks/0/restart", null);
                assertTrue(r.statusCode() < 300, "task restart: " + r.statusCode() + " " + r.body());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        TopicCheck.assertRebuildsTable(ddb, kafka, "orders", "tributary.orders", true);
    }

    @Test
    void a_worker_killed_midway_is_replaced_and_its_task_goes_on_from_the_committed_offsets() throws Exception {
        TestServer.createStreamTable(ddb, "payments", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        ConnectProcess[] workers = {ConnectProcess.start(kafka.bootstrapServers(), "killed-connect", dir)};
        try {
            HttpResponse<String> r = workers[0].call("PUT", "/connectors/payments-source/config", JSON.writeValueAsString(connectorConfig("payments", 1)));
            assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.body());
            write("payments", () -> {
                try {
                    workers[0].kill();
                    workers[0] = ConnectProcess.start(kafka.bootstrapServers(), "killed-connect", dir);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            TopicCheck.assertRebuildsTable(ddb, kafka, "payments", "tributary.payments", true);
        } finally {
            workers[0].close();
        }
    }

    @Test
    void two_tasks_share_the_shards() throws Exception {
        TestServer.createStreamTable(ddb, "users", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        createConnector("users-source", "users", 2);
        write("users", () -> {});
        TopicCheck.assertRebuildsTable(ddb, kafka, "users", "tributary.users", true);
        String status = worker.call("GET", "/connectors/users-source/status", null).body();
        assertEquals(2, JSON.readTree(status).path("tasks").size(), status);
    }
}
