package io.tributary.cli;

import io.tributary.server.StreamReader;
import io.tributary.server.TestServer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Client threads run a mixed workload (puts, conditional updates, conditions that fail, deletes, transactions
 * across two tables, batch writes) against a real server process while it is killed with SIGKILL at random
 * moments and restarted; each client owns its items and keeps a {@link CrashLedger}. At the end: every
 * acknowledged write is there, no write cut off by a kill was half-applied, every index holds exactly what
 * its table does, and each stream holds exactly one record per applied change, in each item's order.
 */
final class CrashHarness {
    static final String ITEMS = "crash_items", PAIRS = "crash_pairs";

    /** The workload's size: the suite runs a small one, {@code -Dcrash.*} properties a larger one. */
    record Size(int clients, int keysPerClient, int kills, Duration longestRound, long seed) {
        static Size fromProperties(Size defaults) {
            return new Size(Integer.getInteger("crash.clients", defaults.clients),
                    Integer.getInteger("crash.keys", defaults.keysPerClient),
                    Integer.getInteger("crash.kills", defaults.kills),
                    Duration.ofMillis(Long.getLong("crash.roundMillis", defaults.longestRound.toMillis())),
                    Long.getLong("crash.seed", defaults.seed));
        }
    }

    /** What a run did, for the test's own assertions and its report. */
    record Outcome(long acknowledged, long inDoubt, long inDoubtApplied, int kills) {}

    private final Path data;
    private final Size size;
    private final String[] serverArgs;
    private final CrashLedger ledger = new CrashLedger();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong acknowledged = new AtomicLong(), inDoubt = new AtomicLong(), inDoubtApplied = new AtomicLong();
    private volatile ServerProcess server;

    CrashHarness(Path data, Size size, String... serverArgs) {
        this.data = data;
        this.size = size;
        this.serverArgs = serverArgs;
    }

    Outcome run() throws Exception {
        server = ServerProcess.start(data, serverArgs);
        try (DynamoDbClient ddb = TestServer.client(server.endpoint(), "us-east-1")) {
            createTables(ddb);
        }
        List<Thread> clients = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < size.clients(); c++) {
            Client client = new Client(c, new Random(size.seed() * 31 + c));
            Thread t = new Thread(() -> {
                try {
                    client.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "crash-client-" + c);
            t.start();
            clients.add(t);
        }
        Random random = new Random(size.seed());
        try {
            for (int k = 0; k < size.kills(); k++) {
                Thread.sleep(200 + random.nextInt((int) size.longestRound().toMillis()));
                server.kill();
                server = ServerProcess.start(data, serverArgs);
                generation.incrementAndGet();
            }
            Thread.sleep(500);
        } finally {
            stop.set(true);
            for (Thread t : clients) t.join(60_000);
        }
        if (!failures.isEmpty()) throw new AssertionError("a client failed", failures.get(0));
        try {
            verify();
        } finally {
            server.close();
        }
        return new Outcome(acknowledged.get(), inDoubt.get(), inDoubtApplied.get(), size.kills());
    }

    private static void createTables(DynamoDbClient ddb) {
        createTable(ddb, ITEMS, "g", "S", "byG", ProjectionType.ALL);
        createTable(ddb, PAIRS, "v", "N", "byV", ProjectionType.KEYS_ONLY);
    }

    /** A table keyed by "pk" with a stream of both images and one global index on {@code indexKey}. */
    private static void createTable(DynamoDbClient ddb, String table, String indexKey, String indexKeyType, String index,
                                    ProjectionType projection) {
        ddb.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName(indexKey).attributeType(indexKeyType))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .globalSecondaryIndexes(i -> i.indexName(index).keySchema(k -> k.attributeName(indexKey).keyType("HASH"))
                        .projection(Projection.builder().projectionType(projection).build()))
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    /** One write as sent: the items it touches, each with the state it had before and will have if applied. */
    private record Write(List<String> ids, List<Map<String, AttributeValue>> before, List<Map<String, AttributeValue>> after) {}

    private final class Client {
        private final int number;
        private final Random random;
        private long version;
        private int seenGeneration = -1;
        private DynamoDbClient ddb;

        Client(int number, Random random) {
            this.number = number;
            this.random = random;
        }

        void run() throws Exception {
            try {
                while (!stop.get()) {
                    connect();
                    Write write = next();
                    try {
                        send(write);
                        record(write);
                        acknowledged.incrementAndGet();
                    } catch (ConditionalCheckFailedException | TransactionCanceledException refused) {
                        // refused as meant: nothing changes
                    } catch (SdkClientException cutOff) {
                        inDoubt.incrementAndGet();
                        awaitRestart();
                        if (stop.get() && generation.get() == seenGeneration) {
                            resolveWith(TestServer.client(server.endpoint(), "us-east-1"), write);
                            return;
                        }
                        connect();
                        resolveWith(ddb, write);
                    }
                }
            } finally {
                if (ddb != null) ddb.close();
            }
        }

        private void connect() {
            int g = generation.get();
            if (g == seenGeneration) return;
            if (ddb != null) ddb.close();
            ddb = TestServer.client(server.endpoint(), "us-east-1");
            seenGeneration = g;
        }

        private void awaitRestart() throws InterruptedException {
            while (generation.get() == seenGeneration && !stop.get()) Thread.sleep(10);
        }

        /** After a restart: all of the write or none of it, never part. */
        private void resolveWith(DynamoDbClient client, Write write) {
            List<Map<String, AttributeValue>> now = new ArrayList<>();
            for (String id : write.ids()) now.add(read(client, id));
            boolean applied = now.equals(write.after());
            assertTrue(applied || now.equals(write.before()), "half-applied or wrong: " + write + " found " + now);
            if (applied) {
                inDoubtApplied.incrementAndGet();
                record(write);
            }
        }

        private void record(Write write) {
            for (int i = 0; i < write.ids().size(); i++) ledger.applied(write.ids().get(i), write.after().get(i));
        }

        private Write next() {
            String key = "c" + number + "-" + random.nextInt(size.keysPerClient());
            String itemId = CrashLedger.id(ITEMS, key);
            Map<String, AttributeValue> current = ledger.current(itemId);
            int pick = random.nextInt(100);
            if (pick < 30 || current == null && pick < 60) return put(itemId, key, current);
            if (pick < 50 && current != null) return conditionalUpdate(itemId, current);
            if (pick < 55) return failingCondition(itemId, current);
            if (pick < 65 && current != null) return delete(itemId, current);
            if (pick < 85) return transaction(key, itemId, current);
            return batch();
        }

        private Map<String, AttributeValue> item(String pk) {
            version++;
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("pk", s(pk));
            item.put("v", n(version));
            item.put("g", s("g" + version % 7));
            item.put("by", s("c" + number));
            return item;
        }

        private Write put(String id, String pk, Map<String, AttributeValue> current) {
            return new Write(List.of(id), states(current), List.of(item(pk)));
        }

        private Write conditionalUpdate(String id, Map<String, AttributeValue> current) {
            version++;
            Map<String, AttributeValue> after = new LinkedHashMap<>(current);
            after.put("v", n(version));
            after.put("g", s("g" + version % 7));
            long hits = current.containsKey("hits") ? Long.parseLong(current.get("hits").n()) : 0;
            after.put("hits", n(hits + 1));
            return new Write(List.of(id), List.of(current), List.of(after));
        }

        private Write failingCondition(String id, Map<String, AttributeValue> current) {
            return new Write(List.of(id), states(current), states(current));
        }

        private Write delete(String id, Map<String, AttributeValue> current) {
            return new Write(List.of(id), List.of(current), states((Map<String, AttributeValue>) null));
        }

        private Write transaction(String key, String itemId, Map<String, AttributeValue> current) {
            String pairId = CrashLedger.id(PAIRS, key);
            Map<String, AttributeValue> pair = ledger.current(pairId);
            Map<String, AttributeValue> newItem = item(key);
            Map<String, AttributeValue> newPair = new LinkedHashMap<>(Map.of("pk", s(key), "v", newItem.get("v")));
            if (random.nextInt(5) == 0) {
                // one condition fails: neither item changes
                return new Write(List.of(itemId, pairId), states(current, pair), states(current, pair));
            }
            return new Write(List.of(itemId, pairId), states(current, pair), states(newItem, newPair));
        }

        private Write batch() {
            List<String> ids = new ArrayList<>();
            List<Map<String, AttributeValue>> before = new ArrayList<>(), after = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String key = "c" + number + "-b" + random.nextInt(size.keysPerClient());
                String id = CrashLedger.id(ITEMS, key);
                if (ids.contains(id)) continue;
                ids.add(id);
                Map<String, AttributeValue> current = ledger.current(id);
                before.add(current);
                after.add(current != null && random.nextBoolean() ? null : item(key));
            }
            return new Write(ids, before, after);
        }

        private void send(Write w) {
            String firstId = w.ids().get(0);
            Map<String, AttributeValue> before = w.before().get(0), after = w.after().get(0);
            if (w.ids().size() == 2 && firstId.startsWith(ITEMS) && w.ids().get(1).startsWith(PAIRS)) {
                sendTransaction(w);
                return;
            }
            if (w.ids().size() > 1 || firstId.contains("-b")) {
                List<WriteRequest> requests = new ArrayList<>();
                for (int i = 0; i < w.ids().size(); i++) {
                    Map<String, AttributeValue> a = w.after().get(i);
                    String pk = pk(w.ids().get(i));
                    requests.add(a == null ? WriteRequest.builder().deleteRequest(d -> d.key(Map.of("pk", s(pk)))).build()
                            : WriteRequest.builder().putRequest(p -> p.item(a)).build());
                }
                var r = ddb.batchWriteItem(b -> b.requestItems(Map.of(ITEMS, requests)));
                assertTrue(r.unprocessedItems().isEmpty(), "a local batch leaves nothing unprocessed");
                return;
            }
            Map<String, AttributeValue> key = Map.of("pk", s(pk(firstId)));
            if (java.util.Objects.equals(after, before)) {
                ddb.updateItem(b -> b.tableName(ITEMS).key(key).updateExpression("SET junk = :j").conditionExpression("v = :wrong")
                        .expressionAttributeValues(Map.of(":j", s("never"), ":wrong", n(-1))));
                fail("the condition cannot hold");
            } else if (after == null) {
                ddb.deleteItem(b -> b.tableName(ITEMS).key(key).conditionExpression("v = :v")
                        .expressionAttributeValues(Map.of(":v", before.get("v"))));
            } else if (before != null && after.containsKey("hits")) {
                ddb.updateItem(b -> b.tableName(ITEMS).key(key).updateExpression("SET v = :nv, g = :g ADD hits :one")
                        .conditionExpression("v = :ov")
                        .expressionAttributeValues(Map.of(":nv", after.get("v"), ":g", after.get("g"), ":one", n(1), ":ov", before.get("v"))));
            } else {
                ddb.putItem(b -> b.tableName(ITEMS).item(after));
            }
        }

        private void sendTransaction(Write w) {
            Map<String, AttributeValue> item = w.after().get(0), pair = w.after().get(1);
            boolean failing = w.after().equals(w.before());
            String key = pk(w.ids().get(0));
            List<TransactWriteItem> actions = new ArrayList<>();
            if (failing) {
                actions.add(TransactWriteItem.builder().put(p -> p.tableName(ITEMS).item(Map.of("pk", s(key), "v", n(-1)))).build());
                actions.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(PAIRS).key(Map.of("pk", s(key)))
                        .conditionExpression("attribute_exists(never)")).build());
            } else {
                actions.add(TransactWriteItem.builder().put(p -> p.tableName(ITEMS).item(item)).build());
                actions.add(TransactWriteItem.builder().update(u -> u.tableName(PAIRS).key(Map.of("pk", s(key)))
                        .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", pair.get("v")))).build());
            }
            ddb.transactWriteItems(b -> b.transactItems(actions));
            if (failing) fail("the transaction's condition cannot hold");
        }
    }

    private void verify() {
        try (DynamoDbClient ddb = TestServer.client(server.endpoint(), "us-east-1");
             DynamoDbStreamsClient streams = KillRecoveryTest.streamsClient(server)) {
            Map<String, Map<String, AttributeValue>> expected = new HashMap<>();
            ledger.histories().forEach((id, h) -> {
                Map<String, AttributeValue> last = h.get(h.size() - 1);
                assertEquals(last, read(ddb, id), "the state of " + id);
                if (last != null) expected.put(id, last);
            });
            for (String table : List.of(ITEMS, PAIRS)) {
                Map<String, Map<String, AttributeValue>> stored = new HashMap<>();
                ddb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                        .forEach(i -> stored.put(CrashLedger.id(table, i.get("pk").s()), i));
                Map<String, Map<String, AttributeValue>> mine = new HashMap<>(expected);
                mine.keySet().removeIf(id -> !id.startsWith(table + "/"));
                assertEquals(mine, stored, table + " holds exactly the acknowledged and applied writes");
                String index = table.equals(ITEMS) ? "byG" : "byV";
                String indexKey = table.equals(ITEMS) ? "g" : "v";
                Map<String, AttributeValue> indexed = new HashMap<>();
                ddb.scanPaginator(b -> b.tableName(table).indexName(index)).items()
                        .forEach(i -> assertNull(indexed.put(i.get("pk").s(), i.get(indexKey)), "one index entry per item"));
                Map<String, AttributeValue> fromTable = new HashMap<>();
                stored.values().forEach(i -> fromTable.put(i.get("pk").s(), i.get(indexKey)));
                assertEquals(fromTable, indexed, index + " equals its table");
                checkStream(ddb, streams, table);
            }
        }
    }

    /** Exactly one record per applied change, each item's records in its order, with the images of each change. */
    private void checkStream(DynamoDbClient ddb, DynamoDbStreamsClient streams, String table) {
        String arn = ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        Map<String, List<Map<String, AttributeValue>>> seen = new HashMap<>();
        for (Record r : StreamReader.readAll(streams, arn)) {
            String id = CrashLedger.id(table, r.dynamodb().keys().get("pk").s());
            List<Map<String, AttributeValue>> states = seen.computeIfAbsent(id, k -> {
                List<Map<String, AttributeValue>> fresh = new ArrayList<>();
                fresh.add(null);
                return fresh;
            });
            Map<String, AttributeValue> old = r.dynamodb().hasOldImage() ? r.dynamodb().oldImage() : null;
            assertEquals(states.get(states.size() - 1), old, "the old image of " + id + " is the state before");
            states.add(r.eventNameAsString().equals("REMOVE") ? null : r.dynamodb().newImage());
        }
        ledger.histories().forEach((id, h) -> {
            if (id.startsWith(table + "/")) assertEquals(h, seen.getOrDefault(id, states((Map<String, AttributeValue>) null)), "the stream of " + id + ": one record per change, in order");
        });
        for (String id : seen.keySet()) assertTrue(ledger.histories().containsKey(id), "records for a write never made: " + id);
    }

    private static Map<String, AttributeValue> read(DynamoDbClient client, String id) {
        String table = id.substring(0, id.indexOf('/'));
        var r = client.getItem(b -> b.tableName(table).key(Map.of("pk", s(pk(id)))).consistentRead(true));
        return r.hasItem() ? r.item() : null;
    }

    private static String pk(String id) {
        return id.substring(id.indexOf('/') + 1);
    }

    /** States in order; a state may be null (absent), which List.of does not allow. */
    @SafeVarargs
    private static List<Map<String, AttributeValue>> states(Map<String, AttributeValue>... states) {
        return Arrays.asList(states);
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }
}
