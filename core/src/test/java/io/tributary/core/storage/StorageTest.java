package io.tributary.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class StorageTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private boolean hasTableFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".sst"));
        }
    }

    /** Reads before a write ask the bloom filters first: none may hide a key, in a memtable, in a file, or deleted. */
    @Test
    void point_reads_find_every_written_key_and_no_other_in_memtables_and_files() throws Exception {
        int keys = 200_000;
        byte[] value = new byte[200];
        Arrays.fill(value, (byte) 'v');
        try (Storage storage = new Storage(dir, false)) {
            // ~44 MB of items: more than a memtable holds, so the early keys are read from flushed files.
            for (int start = 0; start < keys; start += 1_000) {
                try (WriteBatch batch = new WriteBatch()) {
                    for (int i = start; i < start + 1_000; i++) batch.put(storage.items(), bytes("item-" + i), value);
                    storage.write(batch);
                }
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!hasTableFile() && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(hasTableFile(), "the early items were flushed to a file");
            try (WriteBatch batch = new WriteBatch()) {
                batch.delete(storage.items(), bytes("item-7"));
                storage.write(batch);
            }
            for (int i = 0; i < keys; i += 997) {
                if (i == 7) continue;
                List<byte[]> found = storage.currentValues(storage.items(), List.of(bytes("item-" + i), bytes("absent-" + i)));
                assertArrayEquals(value, found.get(0), "item-" + i);
                assertNull(found.get(1));
                assertArrayEquals(value, storage.get(storage.items(), bytes("item-" + i)), "item-" + i);
                assertNull(storage.get(storage.items(), bytes("absent-" + i)));
            }
            assertNull(storage.currentValues(storage.items(), List.of(bytes("item-7"))).get(0), "a deleted key is gone");
            assertNull(storage.get(storage.items(), bytes("item-7")));

            // Cursors find their way through the files' indexes too: every live key once, in order.
            int seen = 0;
            byte[] previous = null;
            try (RocksIterator it = storage.iterator(storage.items())) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (previous != null) assertTrue(Arrays.compareUnsigned(previous, key) < 0, "keys in order");
                    assertArrayEquals(value, it.value());
                    previous = key;
                    seen++;
                }
                it.seek(bytes("item-150000"));
                assertArrayEquals(bytes("item-150000"), it.key());
            }
            assertEquals(keys - 1, seen);
        }
        try (Storage reopened = new Storage(dir, false)) {
            assertArrayEquals(value, reopened.get(reopened.items(), bytes("item-0")));
            assertArrayEquals(value, reopened.get(reopened.items(), bytes("item-" + (keys - 1))));
            assertNull(reopened.get(reopened.items(), bytes("item-7")));
            assertNull(reopened.get(reopened.items(), bytes("absent-0")));
            assertNull(reopened.currentValues(reopened.items(), List.of(bytes("absent-0"))).get(0));
        }
    }

    /** Items and stream records were compacted levelled before: such a directory opens, and nothing in it is lost. */
    @Test
    void a_directory_whose_files_were_compacted_levelled_opens_with_every_key() throws Exception {
        List<String> families = List.of("default", "meta", "items", "counters", "stream");
        try (ColumnFamilyOptions levelled = new ColumnFamilyOptions().setCompactionStyle(CompactionStyle.LEVEL);
             DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (String f : families) descriptors.add(new ColumnFamilyDescriptor(bytes(f), levelled));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
                for (int i = 0; i < 10_000; i++) {
                    db.put(handles.get(2), bytes("item-" + i), bytes("value-" + i));
                    db.put(handles.get(4), bytes("record-" + i), bytes("image-" + i));
                }
                // Into the bottom level, where levelled compaction keeps most of a table.
                db.compactRange(handles.get(2));
                db.compactRange(handles.get(4));
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
        try (Storage storage = new Storage(dir, false)) {
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(storage.items(), bytes("item-new"), bytes("value-new"));
                storage.write(batch);
            }
            for (int i = 0; i < 10_000; i += 333) {
                assertArrayEquals(bytes("value-" + i), storage.get(storage.items(), bytes("item-" + i)));
            }
            int records = 0;
            try (RocksIterator it = storage.iterator(storage.stream())) {
                for (it.seekToFirst(); it.isValid(); it.next()) records++;
            }
            assertEquals(10_000, records);
        }
        try (Storage reopened = new Storage(dir, false)) {
            assertArrayEquals(bytes("value-new"), reopened.get(reopened.items(), bytes("item-new")));
            assertArrayEquals(bytes("value-9999"), reopened.get(reopened.items(), bytes("item-9999")));
        }
    }
}
