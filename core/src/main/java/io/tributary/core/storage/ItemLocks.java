package io.tributary.core.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/** Striped locks serialising read-modify-write per item key; two keys may share a stripe, never the reverse. */
final class ItemLocks {
    private final ReentrantLock[] stripes;

    ItemLocks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) stripes[i] = new ReentrantLock();
    }

    ReentrantLock forKey(byte[] key) {
        return stripes[stripe(key)];
    }

    /** The stripes of several keys, each once, in stripe order: taking them in that order cannot deadlock. */
    List<ReentrantLock> forKeys(List<byte[]> keys) {
        if (keys.size() == 1) return List.of(forKey(keys.get(0)));  // every single-item write comes here
        TreeSet<Integer> indexes = new TreeSet<>();
        for (byte[] k : keys) indexes.add(stripe(k));
        List<ReentrantLock> out = new ArrayList<>(indexes.size());
        for (int i : indexes) out.add(stripes[i]);
        return out;
    }

    private int stripe(byte[] key) {
        int h = Arrays.hashCode(key);
        h ^= h >>> 16;
        return Math.floorMod(h, stripes.length);
    }
}
