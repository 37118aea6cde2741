package io.tributary.cli;

import io.tributary.server.StreamReader;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SIGKILL while writers run: after a restart every acknowledged write is there, and the stream holds
 * exactly one record for every applied write, none for one that was not applied, in per-item order.
 */
class KillRecoveryTest {
    static final int WRITERS = 8;

    @Test
    void every_acknowledged_write_survives_sigkill() throws Exception {
        killWhileWriting("", data -> true);
    }

    /**
     * The WAL files RocksDB recycles are overwritten in place, old records past the new ones, and recovery must
     * stop exactly where the new ones end. Large items seal memtables quickly, so the kill comes while the
     * server writes into a reused file (its RocksDB log says it reused one).
     */
    @Test
    void every_acknowledged_write_survives_sigkill_while_writing_into_a_recycled_wal_file() throws Exception {
        killWhileWriting("x".repeat(8 << 10), data -> {
            Path log = data.resolve("LOG");
            return Files.exists(log) && Files.readString(log).contains("reusing log");
        });
    }

    @FunctionalInterface
    interface DataCheck {
        boolean holds(Path data) throws Exception;
    }

    /** Writers put new items (each with {@code padding}) and count; SIGKILL once {@code killWhen} holds; then check. */
    private static void killWhileWriting(String padding, DataCheck killWhen) throws Exception {
        Path data = Files.createTempDirectory("tributary-kill");
        try {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Map<String, Long> counters = new HashMap<>();
            AtomicLongArray acknowledgedIncrements = new AtomicLongArray(WRITERS);
            AtomicLongArray attemptedIncrements = new AtomicLongArray(WRITERS);
            try (ServerProcess server = ServerProcess.start(data)) {
                try (DynamoDbClient ddb = TestServer.client(server.endpoint(), "us-east-1")) {
                    ddb.createTable(b -> b.tableName("crash")
                            .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                            .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
                }
                AtomicBoolean dead = new AtomicBoolean();
                CountDownLatch warmedUp = new CountDownLatch(WRITERS);
                Thread[] writers = new Thread[WRITERS];
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers[w] = new Thread(() -> {
                        try (DynamoDbClient ddb = TestServer.client(server.endpoint(), "us-east-1")) {
                            for (int i = 0; !dead.get(); i++) {
                                String id = "w" + writer + "-" + i;
                                Map<String, AttributeValue> item = new HashMap<>(Map.of("id", s(id),
                                        "n", AttributeValue.builder().n(Integer.toString(writer)).build()));
                                if (!padding.isEmpty()) item.put("pad", s(padding));
                                ddb.putItem(b -> b.tableName("crash").item(item));
                                acknowledged.add(id);
                                attemptedIncrements.incrementAndGet(writer);
                                ddb.updateItem(b -> b.tableName("crash").key(Map.of("id", s("counter-" + writer)))
                                        .updateExpression("ADD hits :one")
                                        .expressionAttributeValues(Map.of(":one", AttributeValue.builder().n("1").build())));
                                acknowledgedIncrements.incrementAndGet(writer);
                                if (i == 20) warmedUp.countDown();
                            }
                        } catch (RuntimeException expected) {
                            // the server died under us; what it acknowledged is recorded
                        }
                    });
                    writers[w].start();
                }
                warmedUp.await();
                long giveUp = System.nanoTime() + 120_000_000_000L;
                while (!killWhen.holds(data)) {
                    assertTrue(System.nanoTime() < giveUp, "the condition to kill at never came about");
                    Thread.sleep(50);
                }
                Thread.sleep(500);
                server.kill();
                dead.set(true);
                for (Thread t : writers) t.join();
            }
            assertTrue(acknowledged.size() > WRITERS * 20, "writers made progress before the kill");

            try (ServerProcess server = ServerProcess.start(data);
                 DynamoDbClient ddb = TestServer.client(server.endpoint(), "us-east-1");
                 DynamoDbStreamsClient streams = streamsClient(server)) {
                for (String id : acknowledged) {
                    assertTrue(ddb.getItem(b -> b.tableName("crash").key(Map.of("id", s(id)))).hasItem(), "lost " + id);
                }
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    GetItemResponse r = ddb.getItem(b -> b.tableName("crash").key(Map.of("id", s("counter-" + writer))));
                    long hits = r.hasItem() ? Long.parseLong(r.item().get("hits").n()) : 0;
                    assertTrue(hits >= acknowledgedIncrements.get(w), "counter " + w + " lost increments");
                    assertTrue(hits <= attemptedIncrements.get(w), "counter " + w + " has increments never sent");
                    counters.put("counter-" + w, hits);
                }

                String arn = ddb.describeTable(b -> b.tableName("crash")).table().latestStreamArn();
                Map<String, Integer> inserts = new HashMap<>();
                Map<String, Long> counterRecords = new HashMap<>();
                for (Record r : StreamReader.readAll(streams, arn)) {
                    String id = r.dynamodb().keys().get("id").s();
                    if (id.startsWith("counter-")) {
                        long hits = Long.parseLong(r.dynamodb().newImage().get("hits").n());
                        assertEquals(counterRecords.getOrDefault(id, 0L) + 1, hits, id + " records in order, one per increment");
                        counterRecords.put(id, hits);
                    } else {
                        assertEquals("INSERT", r.eventNameAsString());
                        inserts.merge(id, 1, Integer::sum);
                        assertTrue(ddb.getItem(b -> b.tableName("crash").key(Map.of("id", s(id)))).hasItem(),
                                "a record for a write that was not applied: " + id);
                    }
                }
                for (String id : acknowledged) assertEquals(1, inserts.getOrDefault(id, 0), "records for " + id);
                for (Map.Entry<String, Long> c : counters.entrySet()) {
                    assertEquals(c.getValue(), counterRecords.getOrDefault(c.getKey(), 0L), "records for " + c.getKey());
                }
            }
        } finally {
            TestServer.deleteRecursively(data);
        }
    }

    static DynamoDbStreamsClient streamsClient(ServerProcess server) {
        return DynamoDbStreamsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }
}
