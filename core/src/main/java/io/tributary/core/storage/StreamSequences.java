package io.tributary.core.storage;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stream sequence numbers: one counter for the whole database, so numbers grow across streams, shards and
 * restarts. They are reserved on disk a block at a time; after a crash numbering goes on past the block.
 */
final class StreamSequences {
    private static final byte[] RESERVED = "seq/stream-sequence".getBytes(StandardCharsets.UTF_8);
    static final long BLOCK = 1_000_000;

    private final Storage storage;
    private final AtomicLong counter;
    private volatile long reservedThrough;

    StreamSequences(Storage storage) {
        this.storage = storage;
        byte[] reserved = storage.get(storage.meta(), RESERVED);
        long start = reserved == null ? 0 : ByteBuffer.wrap(reserved).getLong();
        counter = new AtomicLong(start);
        reservedThrough = start;
    }

    long next() {
        long v = counter.incrementAndGet();
        if (v > reservedThrough) {
            synchronized (this) {
                while (v > reservedThrough) {
                    long reserve = reservedThrough + BLOCK;
                    try (WriteBatch b = new WriteBatch()) {
                        b.put(storage.meta(), RESERVED, ByteBuffer.allocate(8).putLong(reserve).array());
                        storage.write(b);
                    } catch (RocksDBException e) {
                        throw new StorageException("cannot reserve sequence numbers: " + e.getMessage(), e);
                    }
                    reservedThrough = reserve;
                }
            }
        }
        return v;
    }

    /** The highest number given out so far. */
    long last() {
        return counter.get();
    }
}
