package io.tributary.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;
import org.rocksdb.LogFile;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WalFileType;
import org.rocksdb.WriteOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

class LiveWalTest {
    static {
        RocksDB.loadLibrary();
    }

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Path newestWal(RocksDB db, Path dir) throws Exception {
        LogFile newest = null;
        for (LogFile f : db.getSortedWalFiles()) {
            if (f.type() == WalFileType.kAliveLogFile && (newest == null || f.logNumber() > newest.logNumber())) newest = f;
        }
        assertNotNull(newest, "RocksDB has a live WAL file");
        return dir.resolve(Path.of(newest.pathName()).getFileName());
    }

    private Options options(LiveWal wal) {
        return new Options().setCreateIfMissing(true).setListeners(List.of(wal.listener()));
    }

    @Test
    void syncs_the_file_rocksdb_appends_to_and_follows_it_to_each_new_one() throws Exception {
        try (LiveWal wal = new LiveWal(dir); Options options = options(wal); RocksDB db = RocksDB.open(options, dir.toString());
             WriteOptions unsynced = new WriteOptions().setSync(false); FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            assertNull(wal.file());
            db.put(unsynced, bytes("a"), bytes("1"));
            wal.sync(db);
            Path first = wal.file();
            assertEquals(newestWal(db, dir), first);

            db.put(unsynced, bytes("b"), bytes("2"));
            wal.sync(db);
            assertEquals(first, wal.file(), "no new WAL file, the same descriptor");

            db.flush(flush);  // seals the memtable: RocksDB moves to a new WAL file, empty so far
            wal.sync(db);
            assertNull(wal.file(), "RocksDB does not list an empty WAL file, so none is certain to be the live one");

            db.put(unsynced, bytes("c"), bytes("3"));
            wal.sync(db);
            Path second = newestWal(db, dir);
            assertNotEquals(first, second);
            assertEquals(second, wal.file(), "once the new file has a write, it is the one synced");
        }
    }

    @Test
    void follows_rocksdb_into_a_recycled_wal_file() throws Exception {
        try (LiveWal wal = new LiveWal(dir); Options options = options(wal).setRecycleLogFileNum(2);
             RocksDB db = RocksDB.open(options, dir.toString());
             WriteOptions unsynced = new WriteOptions().setSync(false); FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            for (int i = 0; i < 6 && !Files.readString(dir.resolve("LOG")).contains("reusing log"); i++) {
                db.put(unsynced, bytes("k" + i), bytes("v" + i));
                wal.sync(db);
                db.flush(flush);
            }
            assertTrue(Files.readString(dir.resolve("LOG")).contains("reusing log"), "RocksDB reused an old WAL file");
            db.put(unsynced, bytes("last"), bytes("v"));
            wal.sync(db);
            assertEquals(newestWal(db, dir), wal.file(), "the reused file, under its new number, is the one synced");
        }
    }

    @Test
    void writes_synced_from_several_threads_across_new_wal_files_are_all_there_after_reopening() throws Exception {
        int threads = 4, writesEach = 300;
        try (LiveWal wal = new LiveWal(dir); Options options = options(wal)) {
            try (RocksDB db = RocksDB.open(options, dir.toString()); WriteOptions unsynced = new WriteOptions().setSync(false);
                 FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                AtomicBoolean writing = new AtomicBoolean(true);
                TestThreads writers = TestThreads.start(threads, id -> {
                    for (int i = 0; i < writesEach; i++) {
                        db.put(unsynced, bytes(id + "/" + i), bytes("value " + i));
                        wal.sync(db);
                    }
                });
                TestThreads flusher = TestThreads.start(1, i -> {
                    while (writing.get()) {
                        db.flush(flush);
                        Thread.sleep(5);
                    }
                });
                Throwable writeFailure = writers.join();
                writing.set(false);
                assertNull(flusher.join());
                assertNull(writeFailure);
            }
            try (RocksDB db = RocksDB.open(options, dir.toString())) {
                for (int t = 0; t < threads; t++) {
                    for (int i = 0; i < writesEach; i++) assertArrayEquals(bytes("value " + i), db.get(bytes(t + "/" + i)), t + "/" + i);
                }
            }
        }
    }
}
