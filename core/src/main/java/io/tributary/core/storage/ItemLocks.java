package io.tributary.core.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per item key, serialising read-modify-write of that item. A lock exists only while a writer
 * holds or waits for it, so two items never share one: a write waiting on another's fsync is always a
 * write to the same item.
 */
final class ItemLocks {
    private record Key(byte[] bytes) implements Comparable<Key> {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public int compareTo(Key o) {
            return Arrays.compareUnsigned(bytes, o.bytes);
        }
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;  // changed only inside the map's compute functions, which run one at a time per key
    }

    /** The locks of a write, released by close. */
    final class Held implements AutoCloseable {
        private final List<Key> keys;

        private Held(List<Key> keys) {
            this.keys = keys;
        }

        @Override
        public void close() {
            for (int i = keys.size() - 1; i >= 0; i--) release(keys.get(i));
        }
    }

    private final ConcurrentHashMap<Key, Entry> locks = new ConcurrentHashMap<>();

    Held lock(byte[] key) {
        Key k = new Key(key);
        acquire(k);
        return new Held(List.of(k));
    }

    /** Every key once, in key order: two writers taking keys in the same order cannot deadlock. */
    Held lockAll(List<byte[]> keys) {
        if (keys.size() == 1) return lock(keys.get(0));
        List<Key> sorted = new ArrayList<>(keys.size());
        for (byte[] k : keys) sorted.add(new Key(k));
        sorted.sort(null);
        List<Key> distinct = new ArrayList<>(sorted.size());
        for (Key k : sorted) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(k)) distinct.add(k);
        }
        List<Key> taken = new ArrayList<>(distinct.size());
        try {
            for (Key k : distinct) {
                acquire(k);
                taken.add(k);
            }
        } catch (RuntimeException | Error e) {
            new Held(taken).close();
            throw e;
        }
        return new Held(distinct);
    }

    /** How many keys have a lock now (for tests: none once every writer is done). */
    int size() {
        return locks.size();
    }

    private void acquire(Key k) {
        Entry e = locks.compute(k, (key, old) -> {
            Entry x = old == null ? new Entry() : old;
            x.users++;
            return x;
        });
        e.lock.lock();
    }

    private void release(Key k) {
        locks.get(k).lock.unlock();
        locks.computeIfPresent(k, (key, x) -> --x.users == 0 ? null : x);
    }
}
