package io.tributary.core.storage;

/**
 * The sequence numbers of one shard that are taken but not yet committed, added in increasing order and
 * completed in any order. A ring of primitive longs, because a {@code TreeSet<Long>} allocated a boxed number
 * and a tree node per record. Not thread-safe: {@link OpenShard}
 * holds its lock around every call.
 */
final class InFlightSequences {
    private long[] sequences = new long[16];
    private boolean[] completed = new boolean[16];
    private int head, size;

    /** {@code sequence} must be higher than every one added before. */
    void add(long sequence) {
        if (size > 0 && sequence <= sequences[slot(size - 1)]) {
            throw new IllegalArgumentException("sequence numbers must be added in increasing order");
        }
        if (size == sequences.length) grow();
        int at = slot(size++);
        sequences[at] = sequence;
        completed[at] = false;
    }

    /** Marks {@code sequence} committed; the lowest still in flight moves up past every completed one. */
    void complete(long sequence) {
        int i = indexOf(sequence);
        if (i < 0) return;
        completed[slot(i)] = true;
        while (size > 0 && completed[head]) {
            head = (head + 1) & (sequences.length - 1);
            size--;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The lowest sequence number still in flight; only when not {@link #isEmpty}. */
    long lowest() {
        return sequences[head];
    }

    /** The position after {@code head} of an uncompleted {@code sequence}, or -1. */
    private int indexOf(long sequence) {
        int lo = 0, hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = sequences[slot(mid)];
            if (at < sequence) lo = mid + 1;
            else if (at > sequence) hi = mid - 1;
            else return completed[slot(mid)] ? -1 : mid;
        }
        return -1;
    }

    private int slot(int index) {
        return (head + index) & (sequences.length - 1);
    }

    private void grow() {
        long[] s = new long[sequences.length * 2];
        boolean[] c = new boolean[s.length];
        for (int i = 0; i < size; i++) {
            s[i] = sequences[slot(i)];
            c[i] = completed[slot(i)];
        }
        sequences = s;
        completed = c;
        head = 0;
    }
}
