package io.tributary.core.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for item writes. A writer puts its batch into the WAL unsynced while it holds its item
 * locks, takes a mark, releases the locks and asks to be called back once the mark is durable. One thread
 * syncs the WAL for every write that returned before the sync began and then calls back everyone those
 * writes cover. So no lock is held across an fsync, no thread waits on one, and one fsync acknowledges all
 * the writes that arrived during the previous one.
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

    private record Waiting(long mark, Callback callback) {}

    private final Storage storage;
    private final AtomicLong written = new AtomicLong();
    private final Object lock = new Object();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();  // guarded by lock
    private long synced;  // guarded by lock
    private boolean closed;  // guarded by lock
    private final Thread syncer;

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
     * Calls back once every write up to the mark is durable: at once on this thread if it already is (or
     * writes are not synced at all), else on the sync thread.
     */
    public void whenDurable(long mark, Callback callback) {
        StorageException failure = null;
        if (syncer != null) {
            synchronized (lock) {
                if (mark > synced) {
                    if (!closed) {
                        waiting.add(new Waiting(mark, callback));
                        lock.notify();
                        return;
                    }
                    failure = new StorageException("the database closed before the write was synced", null);
                }
            }
        }
        callback.done(failure);
    }

    private void syncLoop() {
        while (true) {
            synchronized (lock) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // only close interrupts; the loop ends once nothing waits
                    }
                }
                if (waiting.isEmpty()) return;
            }
            long target = written.get();
            StorageException failure = null;
            try {
                storage.syncWal();
            } catch (StorageException e) {
                LOG.log(Level.SEVERE, "WAL sync failed; writes waiting for it are answered with an error", e);
                failure = e;
            }
            List<Waiting> ready = new ArrayList<>();
            synchronized (lock) {
                if (failure == null) synced = Math.max(synced, target);
                for (int n = waiting.size(); n > 0; n--) {
                    Waiting w = waiting.poll();
                    if (w.mark() <= target) ready.add(w);
                    else waiting.add(w);
                }
            }
            for (Waiting w : ready) {
                try {
                    w.callback().done(failure);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "a commit callback failed", e);
                }
            }
        }
    }

    /** Calls back whatever still waits, stops the sync thread and syncs what nobody waited for. */
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
