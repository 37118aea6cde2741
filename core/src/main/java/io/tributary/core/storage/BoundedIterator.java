package io.tributary.core.storage;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/**
 * A RocksDB iterator that stops at a key range's bounds by itself, so a reader need not copy every key out
 * through JNI to check it; closing it releases the iterator, then the options and bounds it reads through.
 */
final class BoundedIterator implements AutoCloseable {
    private final Slice lower;
    private final Slice upper;
    private final ReadOptions options;
    final RocksIterator it;

    BoundedIterator(RocksDB db, ColumnFamilyHandle cf, KeyRange range, Snapshot snapshot) {
        lower = new Slice(range.start());
        upper = new Slice(range.end());
        options = new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper);
        if (snapshot != null) options.setSnapshot(snapshot);
        it = db.newIterator(cf, options);
    }

    @Override
    public void close() {
        it.close();
        options.close();
        upper.close();
        lower.close();
    }
}
