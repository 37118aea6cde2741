package io.tributary.core.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for item writes. A writer puts its batch into the WAL unsynced while it holds its item
 * locks, takes a mark, releases the locks and asks to be called back once the mark is durable. A sync
 * round syncs the WAL for every write that returned before it began and then calls back everyone those
 * writes cover, so no lock is held across an fsync and one fsync acknowledges all the writes that arrived
 * during the previous one.
 *
 * <p>A writer that finds no round running runs one itself and is called back on its own thread: an
 * unhurried writer then pays for its fsync and nothing else. Handing every write to a sync thread and the
 * answer back cost two thread wake-ups per write, and on two busy cores each wake-up can wait for a CPU
 * (durable PutItem through 16 SDK threads: p50 13 ms). Writes that arrive while a round runs wait for the
 * next one, which goes to the event loop of the longest waiting of them (PutItem at 16 connections: p99 about
 * 10 ms when the sync thread ran it, 5 to 6 ms this way), or to the sync thread if that writer has no loop.
 *
 * <p>Marks are taken after the write returns and under the item's lock: whoever reads that item under
 * its lock afterwards (a conditional write that fails, say) takes a mark at least as high, so it is not
 * answered before what it saw is durable.
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    /** Called once the writes up to its mark are durable, or with the failure if the sync failed. */
    @FunctionalInterface
    public interface Callback {
        void done(StorageException failure);
    }

    /** {@code executor}: where the writer's rounds are deferred to, or null. */
    private record Waiting(long mark, Callback callback, Executor executor) {}

    private final Storage storage;
    private final AtomicLong written = new AtomicLong();
    private final Object lock = new Object();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();  // guarded by lock
    private long synced;  // guarded by lock
    /** Someone holds the rounds: a writer's thread running one, or the sync thread, which runs them until nothing waits. */
    private boolean syncing;  // guarded by lock
    /** A round left writes of threads without an executor waiting: the sync thread holds the rounds from here. */
    private boolean handedOver;  // guarded by lock
    private boolean closed;  // guarded by lock
    private final Thread syncer;
    private final ThreadLocal<Executor> deferredTo = new ThreadLocal<>();

    GroupCommit(Storage storage) {
        this.storage = storage;
        if (storage.syncWrites()) {
            syncer = new Thread(this::syncLoop, "tributary-wal-sync");
            syncer.setDaemon(true);
            syncer.start();
        } else {
            syncer = null;
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
     * Calls back once every write up to the mark is durable: on this thread if it already is (or writes
     * are not synced at all); if no round is running, this thread runs one, or hands it to its executor
     * inside {@link #deferringRounds}; else on the thread that runs the round covering it.
     */
    public void whenDurable(long mark, Callback callback) {
        Executor later = deferredTo.get();
        boolean lead = false;
        StorageException failure = null;
        if (syncer != null) {
            synchronized (lock) {
                if (mark > synced) {
                    if (closed) {
                        failure = new StorageException("the database closed before the write was synced", null);
                    } else {
                        waiting.add(new Waiting(mark, callback, later));
                        if (syncing) return;
                        syncing = lead = true;
                    }
                }
            }
        }
        if (!lead) callback.done(failure);
        else if (later == null) syncRound(false);
        else handOver(later);
    }

    /**
     * Runs {@code work} on this thread; if its writes make this thread run a round, the round is handed to
     * {@code later} instead of running inside it. An event loop passes itself: the round then runs once the
     * loop has read every request that was ready, and covers all of their writes and answers, not only the
     * first one's.
     */
    public void deferringRounds(Executor later, Runnable work) {
        Executor outer = deferredTo.get();
        deferredTo.set(later);
        try {
            work.run();
        } finally {
            deferredTo.set(outer);
        }
    }

    /**
     * One round, run by whoever holds the rounds: syncs the WAL and calls back the writes it covers. If
     * writes still wait, the rounds pass to the longest waiting writer's executor, else stay with the sync
     * thread (handed them if this is not it); true if this thread is the sync thread and keeps them.
     */
    private boolean syncRound(boolean onSyncThread) {
        long target = written.get();
        StorageException failure = null;
        try {
            storage.syncWal();
        } catch (StorageException e) {
            LOG.log(Level.SEVERE, "WAL sync failed; writes waiting for it are answered with an error", e);
            failure = e;
        }
        List<Waiting> ready = new ArrayList<>();
        boolean more;
        Executor next = null;
        synchronized (lock) {
            if (failure == null) synced = Math.max(synced, target);
            for (int n = waiting.size(); n > 0; n--) {
                Waiting w = waiting.poll();
                if (w.mark() <= target) ready.add(w);
                else waiting.add(w);
            }
            more = !waiting.isEmpty();
            if (!more) {
                syncing = false;
                if (closed) lock.notify();
            } else {
                next = waiting.peek().executor();
                if (next == null && !onSyncThread) toSyncThread();
            }
        }
        if (next != null) {
            more = false;
            handOver(next);
        }
        for (Waiting w : ready) {
            try {
                w.callback().done(failure);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "a commit callback failed", e);
            }
        }
        return more;
    }

    /** The next round goes to this executor (an event loop, which then answers its own writes itself). */
    private void handOver(Executor next) {
        try {
            next.execute(() -> syncRound(false));
        } catch (RejectedExecutionException e) {
            // the event loop is shutting down, and the round must still run
            toSyncThread();
        }
    }

    private void toSyncThread() {
        synchronized (lock) {
            handedOver = true;
            lock.notify();
        }
    }

    private void syncLoop() {
        while (true) {
            synchronized (lock) {
                while (!handedOver && !(closed && !syncing)) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // only close interrupts; the loop ends once nobody holds the rounds
                    }
                }
                if (!handedOver) return;
                handedOver = false;
            }
            while (syncRound(true)) {
                // the rounds are this thread's until nothing waits
            }
        }
    }

    /** Lets the rounds that are still needed finish, stops the sync thread and syncs what nobody waited for. */
    @Override
    public void close() {
        if (syncer == null) return;
        synchronized (lock) {
            closed = true;
            lock.notify();
        }
        try {
            syncer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        storage.syncWal();
    }
}
