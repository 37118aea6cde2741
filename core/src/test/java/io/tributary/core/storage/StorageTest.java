package io.tributary.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

            // Cursors find their way through the files' partitioned indexes too: every live key once, in order.
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
}
