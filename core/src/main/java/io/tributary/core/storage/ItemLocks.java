package io.tributary.core.storage;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/** Striped locks serialising read-modify-write per item key; two keys may share a stripe, never the reverse. */
final class ItemLocks {
    private final ReentrantLock[] stripes;

    ItemLocks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) stripes[i] = new ReentrantLock();
    }

    ReentrantLock forKey(byte[] key) {
        int h = Arrays.hashCode(key);
        h ^= h >>> 16;
        return stripes[Math.floorMod(h, stripes.length)];
    }
}
