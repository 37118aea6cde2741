package io.tributary.core.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for item writes. A writer puts its batch into the WAL unsynced while it holds its item
 * locks, takes a mark, releases the locks and asks to be called back once the mark is durable. A sync
 * round syncs the WAL for every write that returned before it began and then calls back everyone those
 * writes cover, so no lock is held across an fsync and one fsync acknowledges all the writes made before it.
 *
 * <p>Rounds do not wait for each other: {@link Storage#syncWal} lets several syncs run at once, so a write
 * waits for one sync, not for the one in progress and then its own. An event loop queues its round behind the
 * requests it has already read (inside {@link #deferringRounds}), so one round covers all of their writes.
 * When that round begins and nobody else is syncing or waiting, the loop syncs itself: a lone writer then pays
 * for its fsync and nothing else. Otherwise the round goes to one of two sync threads and the loop goes on
 * reading: a loop that blocked in {@code fdatasync} held up its other connections' requests for the whole sync
 * (wrk, PutItem of new items at 16 connections: about a fifth fewer writes a second than with sync threads;
 * at one connection the hand-off to a sync thread and back cost a sixth). Writers off the event loops sync on
 * their own thread.
 *
 * <p>Marks are taken after the write returns and under the item's lock: whoever reads that item under
 * its lock afterwards (a conditional write that fails, say) takes a mark at least as high, so it is not
 * answered before what it saw is durable.
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** Two or three syncs of one file overlap on the disks measured; more only made each one slower. */
    private static final int SYNC_THREADS = 2;

    /** Called once the writes up to its mark are durable, or with the failure if the sync failed. */
    @FunctionalInterface
    public interface Callback {
        void done(StorageException failure);
    }

    /** An event loop's rounds: where they are queued, and whether one is queued there and has not begun yet. */
    private record Deferral(Executor loop, AtomicBoolean queued) {}

    /** {@code from}: the deferral the write was made under, or null off the event loops. */
    private record Waiting(long mark, Callback callback, Deferral from) {}

    private final Storage storage;
    private final ExecutorService syncers;
    private final AtomicLong written = new AtomicLong();
    private final Object lock = new Object();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();  // guarded by lock
    private long synced;  // guarded by lock
    private int running;  // guarded by lock
    private boolean closed;  // guarded by lock
    /** Set inside {@link #deferringRounds}. */
    private final ThreadLocal<Deferral> deferredTo = new ThreadLocal<>();
    /** The thread's last deferral: an event loop passes itself every time, and one queued round serves it. */
    private final ThreadLocal<Deferral> lastDeferral = new ThreadLocal<>();

    GroupCommit(Storage storage) {
        this.storage = storage;
        if (storage.syncWrites()) {
            AtomicInteger n = new AtomicInteger();
            syncers = Executors.newFixedThreadPool(SYNC_THREADS, r -> {
                Thread t = new Thread(r, "tributary-wal-sync-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            syncers = null;
        }
    }

    /** Counts a write that has returned from the (unsynced) WAL write; its mark. */
    long written() {
        return written.incrementAndGet();
    }

    /** The mark covering every write that has returned so far. */
    public long mark() {
        return written.get();
    }

    /**
     * Calls back once every write up to the mark is durable: on this thread if it already is (or writes are not
     * synced at all); inside {@link #deferringRounds}, from a round queued on its loop; else this thread runs a
     * round now.
     */
    public void whenDurable(long mark, Callback callback) {
        Deferral from = deferredTo.get();
        boolean queued = false;
        StorageException failure = null;
        if (syncers != null) {
            synchronized (lock) {
                if (mark > synced) {
                    if (closed) failure = new StorageException("the database closed before the write was synced", null);
                    else queued = waiting.add(new Waiting(mark, callback, from));
                }
            }
        }
        if (!queued) {
            callback.done(failure);
        } else if (from == null) {
            syncRound();
        } else if (from.queued().compareAndSet(false, true)) {
            // A round queued and not yet begun covers this write too; one that has begun may not.
            try {
                from.loop().execute(() -> {
                    from.queued().set(false);
                    beginRound(from);
                });
            } catch (RejectedExecutionException e) {
                // the event loop is shutting down, and the write must still be synced
                from.queued().set(false);
                syncRound();
            }
        }
    }

    /**
     * Runs {@code work} on this thread; rounds its writes need are queued on {@code loop} instead of running
     * inside it. An event loop passes itself: the round then begins once the loop has read every request that
     * was ready, and covers all of their writes and answers, not only the first one's.
     */
    public void deferringRounds(Executor loop, Runnable work) {
        Deferral outer = deferredTo.get();
        Deferral last = lastDeferral.get();
        if (last == null || last.loop() != loop) {
            last = new Deferral(loop, new AtomicBoolean());
            lastDeferral.set(last);
        }
        deferredTo.set(last);
        try {
            work.run();
        } finally {
            deferredTo.set(outer);
        }
    }

    /** A loop's queued round: nothing if another round took its writes, on the loop if it is alone, else handed on. */
    private void beginRound(Deferral from) {
        boolean mine = false, alone;
        synchronized (lock) {
            alone = running == 0;
            for (Waiting w : waiting) {
                if (w.from() == from) mine = true;
                else alone = false;
            }
        }
        if (!mine) return;
        if (alone) {
            syncRound();
            return;
        }
        try {
            syncers.execute(this::syncRound);
        } catch (RejectedExecutionException e) {
            syncRound();  // closed: the round returns at once, and close answers whoever waits
        }
    }

    /** Syncs the WAL and calls back every write it covers; nothing if the database has closed meanwhile. */
    private void syncRound() {
        synchronized (lock) {
            if (closed) return;
            running++;
        }
        long target = written.get();
        StorageException failure = syncTo(target);
        List<Waiting> ready = new ArrayList<>();
        synchronized (lock) {
            for (int n = waiting.size(); n > 0; n--) {
                Waiting w = waiting.poll();
                if (w.mark() <= target) ready.add(w);
                else waiting.add(w);
            }
            if (--running == 0 && closed) lock.notifyAll();
        }
        callBack(ready, failure);
    }

    /** Syncs the WAL, which covers every write up to {@code target}; the failure, or null once synced is moved up. */
    private StorageException syncTo(long target) {
        try {
            storage.syncWal();
        } catch (StorageException e) {
            LOG.error("WAL sync failed; writes waiting for it are answered with an error", e);
            return e;
        }
        synchronized (lock) {
            synced = Math.max(synced, target);
        }
        return null;
    }

    private static void callBack(List<Waiting> ready, StorageException failure) {
        for (Waiting w : ready) {
            try {
                w.callback().done(failure);
            } catch (RuntimeException e) {
                LOG.error("a commit callback failed", e);
            }
        }
    }

    /** Lets the rounds in progress finish, then syncs what is left and answers whoever still waits. */
    @Override
    public void close() {
        if (syncers == null) return;
        List<Waiting> left;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            while (running > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            left = new ArrayList<>(waiting);
            waiting.clear();
        }
        syncers.shutdown();
        callBack(left, syncTo(written.get()));
        try {
            syncers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
