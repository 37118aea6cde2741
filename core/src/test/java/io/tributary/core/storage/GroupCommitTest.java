package io.tributary.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class GroupCommitTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long write(Storage storage, GroupCommit commits, String key) throws Exception {
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(storage.items(), bytes(key), bytes("value of " + key));
            storage.writeUnsynced(batch);
        }
        return commits.written();
    }

    @Test
    void a_writer_that_finds_no_sync_running_syncs_itself_and_is_called_back_on_its_own_thread() throws Exception {
        try (Storage storage = new Storage(dir, true); GroupCommit commits = new GroupCommit(storage)) {
            long mark = write(storage, commits, "a");
            assertEquals(mark, commits.mark());
            AtomicReference<String> thread = new AtomicReference<>();
            AtomicReference<StorageException> failure = new AtomicReference<>(new StorageException("not called", null));
            commits.whenDurable(mark, f -> {
                thread.set(Thread.currentThread().getName());
                failure.set(f);
            });
            assertEquals(Thread.currentThread().getName(), thread.get(), "called back before whenDurable returned");
            assertNull(failure.get());

            AtomicReference<String> again = new AtomicReference<>();
            commits.whenDurable(mark, f -> again.set(Thread.currentThread().getName()));
            assertEquals(Thread.currentThread().getName(), again.get(), "an already durable mark is answered on the caller's thread");
        }
    }

    @Test
    void a_deferred_round_runs_on_the_given_executor_and_covers_every_write_made_before_it_runs() throws Exception {
        try (Storage storage = new Storage(dir, true); GroupCommit commits = new GroupCommit(storage)) {
            List<Runnable> later = new ArrayList<>();
            List<String> called = new ArrayList<>();
            commits.deferringRounds(later::add, () -> {
                try {
                    long first = write(storage, commits, "first");
                    commits.whenDurable(first, f -> called.add("first on " + Thread.currentThread().getName()));
                    long second = write(storage, commits, "second");
                    commits.whenDurable(second, f -> called.add("second on " + Thread.currentThread().getName()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(List.of(), called, "nothing is called back before the round runs");
            assertEquals(1, later.size(), "one round for both writes");

            long third = write(storage, commits, "third");
            CountDownLatch thirdCalled = new CountDownLatch(1);
            commits.whenDurable(third, f -> thirdCalled.countDown());
            assertEquals(1, thirdCalled.getCount(), "a write made while the round is pending waits for it");

            Thread runner = new Thread(later.get(0), "runner");
            runner.start();
            runner.join();
            assertEquals(List.of("first on runner", "second on runner"), called);
            assertTrue(thirdCalled.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void writes_left_waiting_after_a_writers_round_are_synced_by_the_sync_thread() throws Exception {
        try (Storage storage = new Storage(dir, true); GroupCommit commits = new GroupCommit(storage)) {
            List<Runnable> later = new ArrayList<>();
            long mark = write(storage, commits, "a");
            commits.deferringRounds(later::add, () -> commits.whenDurable(mark, f -> { }));
            // A mark the round cannot cover yet: the write it stands for comes after the round.
            CountDownLatch called = new CountDownLatch(1);
            AtomicReference<String> thread = new AtomicReference<>();
            commits.whenDurable(mark + 1, f -> {
                thread.set(Thread.currentThread().getName());
                called.countDown();
            });
            later.get(0).run();
            assertEquals(1, called.getCount());
            write(storage, commits, "b");
            assertTrue(called.await(10, TimeUnit.SECONDS));
            assertEquals("tributary-wal-sync", thread.get());
        }
    }

    @Test
    void writes_left_waiting_after_a_round_get_the_next_one_on_their_own_executor() throws Exception {
        try (Storage storage = new Storage(dir, true); GroupCommit commits = new GroupCommit(storage)) {
            List<Runnable> first = new ArrayList<>(), second = new ArrayList<>();
            long mark = write(storage, commits, "a");
            commits.deferringRounds(first::add, () -> commits.whenDurable(mark, f -> { }));
            AtomicReference<String> thread = new AtomicReference<>();
            // A mark the first round cannot cover: the write it stands for comes after that round.
            commits.deferringRounds(second::add, () -> commits.whenDurable(mark + 1, f -> thread.set(Thread.currentThread().getName())));
            assertEquals(0, second.size(), "a round is already pending");
            first.get(0).run();
            assertEquals(1, second.size(), "the next round went to the waiting writer's executor");
            write(storage, commits, "b");
            Thread loop = new Thread(second.get(0), "second loop");
            loop.start();
            loop.join();
            assertEquals("second loop", thread.get());
        }
    }

    @Test
    void every_concurrent_writer_is_called_back_exactly_once() throws Exception {
        int threads = 8, writesEach = 500;
        ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(threads * writesEach);
        ExecutorService rounds = Executors.newFixedThreadPool(2);
        try (Storage storage = new Storage(dir, true); GroupCommit commits = new GroupCommit(storage)) {
            List<Thread> writers = new ArrayList<>();
            AtomicReference<Throwable> error = new AtomicReference<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread w = new Thread(() -> {
                    try {
                        for (int i = 0; i < writesEach; i++) {
                            String key = id + "/" + i;
                            long mark = write(storage, commits, key);
                            Runnable wait = () -> commits.whenDurable(mark, f -> {
                                assertNull(f);
                                calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                                all.countDown();
                            });
                            // Half the writers run their rounds themselves, half hand them to a pool, as event loops do.
                            if (id % 2 == 0) wait.run();
                            else commits.deferringRounds(rounds, wait);
                        }
                    } catch (Throwable e) {
                        error.set(e);
                    }
                });
                writers.add(w);
                w.start();
            }
            for (Thread w : writers) w.join();
            assertNull(error.get());
            assertTrue(all.await(30, TimeUnit.SECONDS), "every write was called back");
            assertEquals(threads * writesEach, calls.size());
            assertTrue(calls.values().stream().allMatch(c -> c.get() == 1), "no write was called back twice");
        } finally {
            rounds.shutdown();
        }
    }

    @Test
    void without_synced_writes_the_callback_runs_at_once_on_the_caller_thread() throws Exception {
        try (Storage storage = new Storage(dir, false); GroupCommit commits = new GroupCommit(storage)) {
            long mark = write(storage, commits, "a");
            AtomicReference<String> thread = new AtomicReference<>();
            commits.whenDurable(mark, f -> thread.set(Thread.currentThread().getName()));
            assertEquals(Thread.currentThread().getName(), thread.get());
        }
    }

    @Test
    void closing_syncs_writes_nobody_waited_for_and_refuses_late_waiters() throws Exception {
        long mark;
        try (Storage storage = new Storage(dir, true)) {
            GroupCommit commits = new GroupCommit(storage);
            mark = write(storage, commits, "unwatched");
            commits.close();
            AtomicReference<StorageException> failure = new AtomicReference<>();
            commits.whenDurable(mark + 1, failure::set);
            assertNotNull(failure.get(), "a write after close cannot be promised durable");
        }
        try (Storage storage = new Storage(dir, true)) {
            assertArrayEquals(bytes("value of unwatched"), storage.get(storage.items(), bytes("unwatched")));
        }
    }
}
