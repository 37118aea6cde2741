package io.tributary.core.storage;

import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.StreamSettings;
import io.tributary.core.model.StreamSpecification;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.model.TimeToLive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** The storage engine without the HTTP layer: tables, item writes, counters and read snapshots. */
class DatabaseTest {
    private static final KeyElement PK = new KeyElement("pk", AttributeType.S);

    @TempDir
    Path dir;

    static TableDefinition table(String name, boolean stream) {
        return new TableDefinition(name, 0, "", PK, null, List.of(PK), "PAY_PER_REQUEST", 0, 0, 0,
                stream ? new StreamSpecification(true, "NEW_AND_OLD_IMAGES") : StreamSpecification.DISABLED, 0, null, List.of(),
                TimeToLive.DISABLED, Map.of());
    }

    static Map<String, AttributeValue> item(String pk, long n) {
        return Map.of("pk", AttributeValue.s(pk), "n", AttributeValue.n(n));
    }

    static void put(Database db, TableDefinition t, String pk, long n) {
        db.mutate(t, Map.of("pk", AttributeValue.s(pk)), ChangeOrigin.client("us-east-1"), current -> item(pk, n));
    }

    static void delete(Database db, TableDefinition t, String pk) {
        db.mutate(t, Map.of("pk", AttributeValue.s(pk)), ChangeOrigin.client("us-east-1"), current -> null);
    }

    static Map<String, Map<String, AttributeValue>> scan(Database db, TableDefinition t, ReadSnapshot snapshot) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        try (ItemCursor c = db.read(KeyRange.whole(t.id()), true, null, snapshot)) {
            while (c.next()) items.put(c.item().get("pk").s(), c.item());
        }
        return items;
    }

    @Test
    void writes_keep_items_and_counters_and_survive_a_restart() {
        TableDefinition t;
        try (Database db = Database.open(dir, true)) {
            t = db.createTable(table("users", false));
            put(db, t, "a", 1);
            put(db, t, "b", 2);
            put(db, t, "a", 3);
            delete(db, t, "b");
            assertEquals(item("a", 3), db.getItem(t, Map.of("pk", AttributeValue.s("a"))));
            assertNull(db.getItem(t, Map.of("pk", AttributeValue.s("b"))));
            assertEquals(1, db.itemCount(t.id()));
            assertEquals(AttributeValue.itemSize(item("a", 3)), db.sizeBytes(t.id()));
            assertThrows(TributaryException.class, () -> db.createTable(table("users", false)));
        }
        try (Database again = Database.open(dir, true)) {
            TableDefinition found = again.findTable("users").orElseThrow();
            assertEquals(t.id(), found.id());
            assertEquals(1, again.itemCount(found.id()));
            assertEquals(List.of("a"), new ArrayList<>(scan(again, found, null).keySet()));
            again.deleteTable("users");
            assertTrue(again.findTable("users").isEmpty());
            assertEquals(0, again.itemCount(found.id()));
        }
    }

    @Test
    void a_snapshot_holds_exactly_the_changes_at_or_below_its_sequence_while_writers_go_on() throws Exception {
        try (Database db = Database.open(dir, true, StreamSettings.DEFAULTS)) {
            TableDefinition t = db.createTable(table("frozen", true));
            for (int i = 0; i < 200; i++) put(db, t, "k" + i, 0);
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int seed = w;
                writers.add(pool.submit(() -> {
                    java.util.Random r = new java.util.Random(seed);
                    for (long n = 1; writing.get(); n++) {
                        String k = "k" + r.nextInt(300);
                        if (r.nextInt(4) == 0) delete(db, t, k);
                        else put(db, t, k, n);
                    }
                }));
            }
            Thread.sleep(50);
            Map<String, Map<String, AttributeValue>> frozen;
            ReadSnapshot snapshot;
            try (ReadSnapshots.InUse use = db.snapshot("frozen")) {
                snapshot = use.snapshot();
                Thread.sleep(50);
                frozen = scan(db, t, snapshot);
                assertEquals(frozen, scan(db, t, snapshot), "the snapshot does not move while writes go on");
            }
            writing.set(false);
            for (Future<?> f : writers) f.get();
            pool.shutdown();

            // The stream's records up to the snapshot's sequence, replayed, give the snapshot.
            Map<String, Map<String, AttributeValue>> replayed = new HashMap<>();
            Map<String, Long> lastAtOrBelow = new HashMap<>();
            var def = db.streams().streams().get(0);
            List<long[]> records = new ArrayList<>();
            Map<Long, Map<String, AttributeValue>> images = new HashMap<>();
            Map<Long, String> keys = new HashMap<>();
            for (var shard : def.shards()) {
                db.streams().read(def.id(), shard.ordinal(), 0, r -> {
                    records.add(new long[] {r.sequence(), shard.ordinal()});
                    keys.put(r.sequence(), StreamLogTest.key(r));
                    images.put(r.sequence(), r.hasNewImage() ? StreamLogTest.newImage(r) : null);
                    if (r.sequence() <= snapshot.sequence()) lastAtOrBelow.merge(shard.shardId(), r.sequence(), Math::max);
                    return true;
                });
            }
            records.sort((a, b) -> Long.compare(a[0], b[0]));
            for (long[] r : records) {
                if (r[0] > snapshot.sequence()) continue;
                if (images.get(r[0]) == null) replayed.remove(keys.get(r[0]));
                else replayed.put(keys.get(r[0]), images.get(r[0]));
            }
            assertEquals(replayed, frozen);
            assertEquals(lastAtOrBelow, snapshot.shardPositions());
            assertEquals("frozen", snapshot.tableName());
        }
    }

    @Test
    void snapshots_are_found_by_id_released_once_unused_and_bounded() {
        try (Database db = Database.open(dir, true)) {
            db.createTable(table("t1", false));
            String id;
            ReadSnapshots.InUse first = db.snapshot("t1");
            id = first.snapshot().id();
            db.snapshots().release(id);
            // released while a request still reads it: freed only when that request is done
            first.close();
            assertThrows(TributaryException.class, () -> db.snapshots().use(id));
            assertThrows(TributaryException.class, () -> db.snapshot("missing"));
            List<String> held = new ArrayList<>();
            for (int i = 0; i < ReadSnapshots.MAX_HELD; i++) {
                try (ReadSnapshots.InUse u = db.snapshot("t1")) {
                    held.add(u.snapshot().id());
                }
            }
            TributaryException tooMany = assertThrows(TributaryException.class, () -> db.snapshot("t1"));
            assertEquals("LimitExceededException", tooMany.errorCode());
            db.snapshots().release(held.get(0));
            db.snapshot("t1").close();
        }
    }
}
