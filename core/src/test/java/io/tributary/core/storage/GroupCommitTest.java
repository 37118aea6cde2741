package io.tributary.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
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
    void a_writer_off_the_loops_syncs_itself_and_is_called_back_on_its_own_thread() throws Exception {
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
    void a_loops_round_waits_for_its_read_pass_covers_all_its_writes_and_runs_on_the_loop_when_alone() throws Exception {
        try (Storage storage = new Storage(dir, true); GroupCommit commits = new GroupCommit(storage)) {
            List<Runnable> tasks = new ArrayList<>();
            Executor loop = tasks::add;
            List<String> called = new ArrayList<>();
            for (String key : List.of("first", "second")) {
                // one deferral per request, as the HTTP handler makes them
                commits.deferringRounds(loop, () -> {
                    try {
                        long mark = write(storage, commits, key);
                        commits.whenDurable(mark, f -> called.add(key + " on " + Thread.currentThread().getName()));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
            }
            assertEquals(List.of(), called, "nothing is called back before the round runs");
            assertEquals(1, tasks.size(), "one round for both writes");

            Thread runner = new Thread(tasks.get(0), "loop");
            runner.start();
            runner.join();
            assertEquals(List.of("first on loop", "second on loop"), called);

            long third = write(storage, commits, "third");
            commits.deferringRounds(loop, () -> commits.whenDurable(third, f -> { }));
            assertEquals(2, tasks.size(), "a write after the round began gets a round of its own");
        }
    }

    @Test
    void a_loops_round_goes_to_a_sync_thread_when_another_loop_waits_too_and_covers_its_writes() throws Exception {
        try (Storage storage = new Storage(dir, true); GroupCommit commits = new GroupCommit(storage)) {
            List<Runnable> first = new ArrayList<>(), second = new ArrayList<>();
            Executor firstLoop = first::add, secondLoop = second::add;
            CountDownLatch called = new CountDownLatch(2);
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            long a = write(storage, commits, "a");
            commits.deferringRounds(firstLoop, () -> commits.whenDurable(a, f -> {
                threads.add(Thread.currentThread().getName());
                called.countDown();
            }));
            long b = write(storage, commits, "b");
            commits.deferringRounds(secondLoop, () -> commits.whenDurable(b, f -> {
                threads.add(Thread.currentThread().getName());
                called.countDown();
            }));
            first.get(0).run();
            assertTrue(called.await(10, TimeUnit.SECONDS), "the first loop's round covered the second loop's write");
            assertEquals(2, threads.size());
            assertTrue(threads.stream().allMatch(t -> t.startsWith("tributary-wal-sync-")), threads.toString());
            second.get(0).run();  // nothing of its own waits any more: no second sync, no second call
            assertEquals(2, threads.size());
        }
    }

    @Test
    void a_writer_off_the_loops_does_not_wait_for_a_queued_round() throws Exception {
        try (Storage storage = new Storage(dir, true); GroupCommit commits = new GroupCommit(storage)) {
            List<Runnable> tasks = new ArrayList<>();
            AtomicReference<String> loopWrite = new AtomicReference<>(), ownWrite = new AtomicReference<>();
            long a = write(storage, commits, "a");
            commits.deferringRounds(tasks::add, () -> commits.whenDurable(a, f -> loopWrite.set(Thread.currentThread().getName())));
            long b = write(storage, commits, "b");
            commits.whenDurable(b, f -> ownWrite.set(Thread.currentThread().getName()));
            String me = Thread.currentThread().getName();
            assertEquals(me, ownWrite.get(), "synced and called back before whenDurable returned");
            assertEquals(me, loopWrite.get(), "its round covered the earlier write of the loop as well");
            tasks.get(0).run();
        }
    }

    @Test
    void every_concurrent_writer_is_called_back_exactly_once() throws Exception {
        int threads = 8, writesEach = 500;
        ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(threads * writesEach);
        ExecutorService rounds = Executors.newFixedThreadPool(2);
        try (Storage storage = new Storage(dir, true); GroupCommit commits = new GroupCommit(storage)) {
            TestThreads writers = TestThreads.start(threads, id -> {
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
            });
            assertNull(writers.join());
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
    void closing_answers_writes_whose_round_never_ran() throws Exception {
        try (Storage storage = new Storage(dir, true)) {
            GroupCommit commits = new GroupCommit(storage);
            long mark = write(storage, commits, "a");
            AtomicReference<StorageException> failure = new AtomicReference<>(new StorageException("not called", null));
            commits.deferringRounds(task -> { }, () -> commits.whenDurable(mark, failure::set));
            commits.close();
            assertNull(failure.get(), "synced by close and answered");
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
