package io.tributary.core.storage;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The item count and size of every table and index, kept as RocksDB merge counters (uint64add) that the write
 * batches themselves change, so they never drift from the items.
 */
final class ItemCounters {
    private final Storage storage;

    ItemCounters(Storage storage) {
        this.storage = storage;
    }

    long items(long spaceId) {
        return read(spaceId, 'c');
    }

    long bytes(long spaceId) {
        return read(spaceId, 's');
    }

    /** Adds the change of one table's or index's count and size to the batch. */
    void add(WriteBatch batch, long spaceId, long countDelta, long sizeDelta) throws RocksDBException {
        if (countDelta != 0) batch.merge(storage.counters(), key(spaceId, 'c'), delta(countDelta));
        if (sizeDelta != 0) batch.merge(storage.counters(), key(spaceId, 's'), delta(sizeDelta));
    }

    void drop(WriteBatch batch, long spaceId) throws RocksDBException {
        batch.delete(storage.counters(), key(spaceId, 'c'));
        batch.delete(storage.counters(), key(spaceId, 's'));
    }

    /**
     * A batch's changes to the counts and sizes of its tables and indexes, summed so that the batch carries one
     * merge per counter however many of its items it changes (25 in a BatchWriteItem).
     */
    final class Deltas {
        private final Map<Long, long[]> deltas = new LinkedHashMap<>();

        void add(long spaceId, long countDelta, long sizeDelta) {
            long[] d = deltas.computeIfAbsent(spaceId, id -> new long[2]);
            d[0] += countDelta;
            d[1] += sizeDelta;
        }

        void writeTo(WriteBatch batch) throws RocksDBException {
            for (Map.Entry<Long, long[]> e : deltas.entrySet()) ItemCounters.this.add(batch, e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
    }

    private long read(long spaceId, char kind) {
        byte[] v = storage.get(storage.counters(), key(spaceId, kind));
        return v == null ? 0 : ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] key(long spaceId, char kind) {
        return ByteBuffer.allocate(9).putLong(spaceId).put((byte) kind).array();
    }

    /** uint64add wraps modulo 2^64, so a negative delta in two's complement subtracts. */
    private static byte[] delta(long delta) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(delta).array();
    }
}
