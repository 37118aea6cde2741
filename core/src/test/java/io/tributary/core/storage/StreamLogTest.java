package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.ShardDescriptor;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.model.StreamSettings;
import io.tributary.core.model.TableDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The stream log without the HTTP layer: records in order, rollover with lineage, trimming, restarts. */
class StreamLogTest {
    @TempDir
    Path dir;

    static String key(StoredStreamRecord r) {
        return ItemCodec.readMap(new ByteReader(r.stored(), r.keysAt())).get("pk").s();
    }

    static Map<String, AttributeValue> newImage(StoredStreamRecord r) {
        return ItemCodec.readMap(new ByteReader(r.stored(), r.newImageAt()));
    }

    private static List<StoredStreamRecord> all(Database db) {
        StreamDefinition def = db.streams().streams().get(0);
        List<StoredStreamRecord> out = new ArrayList<>();
        for (ShardDescriptor s : def.shards()) db.streams().read(def.id(), s.ordinal(), 0, r -> out.add(r));
        out.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return out;
    }

    @Test
    void each_write_has_one_record_with_its_images_and_numbers_grow_across_a_restart() {
        long lastBefore;
        try (Database db = Database.open(dir, true)) {
            TableDefinition t = db.createTable(DatabaseTest.table("users", true));
            DatabaseTest.put(db, t, "a", 1);
            DatabaseTest.put(db, t, "a", 2);
            DatabaseTest.delete(db, t, "a");
            db.commits().whenDurable(db.commits().mark(), failure -> { });
            List<StoredStreamRecord> records = awaitRecords(db, 3);
            assertEquals(List.of("INSERT", "MODIFY", "REMOVE"), records.stream().map(StoredStreamRecord::eventName).toList());
            assertEquals(DatabaseTest.item("a", 2), newImage(records.get(1)));
            assertFalse(records.get(2).hasNewImage());
            assertTrue(records.get(2).hasOldImage());
            lastBefore = records.get(2).sequence();
        }
        try (Database again = Database.open(dir, true)) {
            TableDefinition t = again.findTable("users").orElseThrow();
            DatabaseTest.put(again, t, "b", 1);
            List<StoredStreamRecord> records = awaitRecords(again, 4);
            assertTrue(records.get(3).sequence() > lastBefore, "sequence numbers never go back after a restart");
        }
    }

    @Test
    void shards_roll_over_into_children_that_start_after_their_parents_end() throws Exception {
        StreamSettings rolling = new StreamSettings(2, Duration.ofMillis(200), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofMinutes(15));
        try (Database db = Database.open(dir, true, rolling)) {
            TableDefinition t = db.createTable(DatabaseTest.table("rolling", true));
            for (int i = 0; i < 20; i++) {
                DatabaseTest.put(db, t, "k" + i, i);
                Thread.sleep(30);
            }
            StreamDefinition def = db.streams().streams().get(0);
            assertTrue(def.shards().size() > 2, "rolled over: " + def.shards().size() + " shards");
            Map<String, ShardDescriptor> byId = new LinkedHashMap<>();
            def.shards().forEach(s -> byId.put(s.shardId(), s));
            for (ShardDescriptor s : def.shards()) {
                if (s.parentShardId() == null) continue;
                ShardDescriptor parent = byId.get(s.parentShardId());
                assertFalse(parent.isOpen(), "a parent is closed");
                assertTrue(s.startingSequence() > parent.endingSequence(), "a child starts after its parent ends");
            }
            assertEquals(20, awaitRecords(db, 20).size());
        }
    }

    @Test
    void expired_records_are_trimmed() throws Exception {
        StreamSettings shortLived = new StreamSettings(1, Duration.ofHours(1), Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofMinutes(15));
        try (Database db = Database.open(dir, true, shortLived)) {
            TableDefinition t = db.createTable(DatabaseTest.table("short", true));
            DatabaseTest.put(db, t, "old", 1);
            awaitRecords(db, 1);
            Thread.sleep(800);
            DatabaseTest.put(db, t, "new", 2);
            List<StoredStreamRecord> left = awaitRecords(db, 1);
            assertEquals(List.of("new"), left.stream().map(StreamLogTest::key).toList());
            assertTrue(db.streams().streams().get(0).shards().get(0).trimmedThrough() >= 0);
        }
    }

    /** The visible records once there are {@code n} (records become visible when their write is durable). */
    private static List<StoredStreamRecord> awaitRecords(Database db, int n) {
        long end = System.nanoTime() + 10_000_000_000L;
        List<StoredStreamRecord> records = all(db);
        while (records.size() < n && System.nanoTime() < end) {
            Thread.onSpinWait();
            records = all(db);
        }
        return records;
    }
}
