package io.tributary.core.storage;

import io.tributary.core.model.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per item key, serialising read-modify-write of that item. A lock exists only while a writer
 * holds or waits for it, so two items never share one. It is held for the read, the decision and the
 * unsynced WAL write only, never across an fsync ({@link GroupCommit}), so network threads may take it.
 */
final class ItemLocks {
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;  // changed only inside the map's compute functions, which run one at a time per key
    }

    /** The locks of a write, released by close. */
    final class Held implements AutoCloseable {
        private final List<Bytes> keys;

        private Held(List<Bytes> keys) {
            this.keys = keys;
        }

        @Override
        public void close() {
            for (int i = keys.size() - 1; i >= 0; i--) release(keys.get(i));
        }
    }

    private final ConcurrentHashMap<Bytes, Entry> locks = new ConcurrentHashMap<>();

    Held lock(byte[] key) {
        Bytes k = Bytes.wrap(key);
        acquire(k);
        return new Held(List.of(k));
    }

    /** Every key once, in key order: two writers taking keys in the same order cannot deadlock. */
    Held lockAll(List<byte[]> keys) {
        if (keys.size() == 1) return lock(keys.get(0));
        TreeSet<Bytes> distinct = new TreeSet<>();
        for (byte[] k : keys) distinct.add(Bytes.wrap(k));
        List<Bytes> taken = new ArrayList<>(distinct.size());
        try {
            for (Bytes k : distinct) {
                acquire(k);
                taken.add(k);
            }
        } catch (RuntimeException | Error e) {
            new Held(taken).close();
            throw e;
        }
        return new Held(taken);
    }

    /** How many keys have a lock now (for tests: none once every writer is done). */
    int size() {
        return locks.size();
    }

    private void acquire(Bytes k) {
        Entry e = locks.compute(k, (key, old) -> {
            Entry x = old == null ? new Entry() : old;
            x.users++;
            return x;
        });
        e.lock.lock();
    }

    private void release(Bytes k) {
        locks.get(k).lock.unlock();
        locks.computeIfPresent(k, (key, x) -> --x.users == 0 ? null : x);
    }
}
