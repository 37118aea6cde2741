package io.tributary.core.storage;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.PerfLevel;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one owner of the RocksDB database and its native handles. Column families: {@code meta} (table
 * definitions), {@code items}, {@code counters} (per-table item count and size, kept by a merge operator
 * in the same batch as the item so they can never drift), {@code stream} (stream records).
 */
public final class Storage implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private static final long CACHE_BYTES = 48L << 20;
    private static final long MEMTABLE_BYTES = 32L << 20;
    /** About 10 bits per entry of a full memtable of ~200-byte items. */
    private static final double MEMTABLE_BLOOM_RATIO = 0.02;

    private final List<AutoCloseable> owned = new ArrayList<>();
    private final RocksDB db;
    private final ColumnFamilyHandle meta;
    private final ColumnFamilyHandle items;
    private final ColumnFamilyHandle counters;
    private final ColumnFamilyHandle stream;
    private final boolean syncWrites;
    private final LiveWal liveWal;
    private final WriteOptions writeOptions;
    private final WriteOptions unsyncedWriteOptions;
    private final ReadOptions readOptions;
    /** Threads that have switched RocksDB's per-thread performance counters off: on by default, and nothing here reads them. */
    private final ThreadLocal<Boolean> countersOff = ThreadLocal.withInitial(() -> false);

    public Storage(Path directory, boolean syncWrites) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Memtables are capped at MEMTABLE_BYTES over all column families but not charged to the block cache:
        // charged, their reservations left a third of it for blocks, and as a table grew the reads before its
        // writes went to files more and more (BatchWriteItem over 30 s: about a fifth faster uncharged; RSS
        // after a million items 233 MB instead of 191). RocksJava's WriteBufferManager wants a cache, so it
        // gets a small one of its own that holds nothing but its reservations.
        LRUCache cache = own(new LRUCache(CACHE_BYTES));
        WriteBufferManager memtables = own(new WriteBufferManager(MEMTABLE_BYTES, own(new LRUCache(1 << 20))));
        BlockBasedTableConfig table = tableFormat(cache, 10);
        ColumnFamilyOptions dataOptions = own(new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setWriteBufferSize(MEMTABLE_BYTES / 2));
        // Items' filters get 16 bits a key: a write first asks every sorted run whether its item exists, and each
        // false positive costs a block read for a key that is not there.
        BlockBasedTableConfig itemTable = tableFormat(cache, 16);
        // Whole-key bloom filters in the items' memtables too: most writes look up an item that does not exist yet.
        ColumnFamilyOptions itemOptions = own(sizeTiered(itemTable)
                .setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO)
                .setMemtableWholeKeyFiltering(true));
        ColumnFamilyOptions streamOptions = own(sizeTiered(table));
        ColumnFamilyOptions counterOptions = own(new ColumnFamilyOptions()
                .setMergeOperator(own(new UInt64AddOperator())));
        liveWal = own(new LiveWal(directory));
        // Old WAL files are reused, overwritten in place: an fdatasync after an append that grows a file also
        // writes its inode, one within the file's old length does not. Recovery stops where the new records end
        // (RocksDB allows recycling with point-in-time recovery since facebook/rocksdb#12403); KillRecoveryTest
        // kills a server writing into a reused file.
        DBOptions options = own(new DBOptions()
                .setListeners(List.of(liveWal.listener()))
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setWriteBufferManager(memtables)
                .setMaxBackgroundJobs(2)
                .setRecycleLogFileNum(4)
                .setEnablePipelinedWrite(false));
        List<ColumnFamilyDescriptor> descriptors = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, dataOptions),
                new ColumnFamilyDescriptor("meta".getBytes(), dataOptions),
                new ColumnFamilyDescriptor("items".getBytes(), itemOptions),
                new ColumnFamilyDescriptor("counters".getBytes(), counterOptions),
                new ColumnFamilyDescriptor("stream".getBytes(), streamOptions));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            db = RocksDB.open(options, directory.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            closeOwned();
            throw new StorageException("cannot open the database in " + directory + ": " + e.getMessage(), e);
        }
        handles.forEach(this::own);
        meta = handles.get(1);
        items = handles.get(2);
        counters = handles.get(3);
        stream = handles.get(4);
        this.syncWrites = syncWrites;
        writeOptions = own(new WriteOptions().setSync(syncWrites));
        unsyncedWriteOptions = own(new WriteOptions().setSync(false));
        readOptions = own(new ReadOptions());
    }

    /** Files whose blocks share {@code cache}, with bloom filters of {@code filterBitsPerKey}. */
    private BlockBasedTableConfig tableFormat(LRUCache cache, int filterBitsPerKey) {
        // Each file's index and bloom filter stay in memory beside it, outside the block cache (about 3 MB per
        // million 200-byte items): in the cache, a large file's were bigger than a cache shard and were read
        // again for nearly every lookup, and partitioned they cost a cache lookup per file for every key.
        return new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(own(new BloomFilter(filterBitsPerKey)))
                .setCacheIndexAndFilterBlocks(false);
    }

    /**
     * Items and stream records are compacted size-tiered (universal), from eight flushed files on: levelled,
     * every flush overlapped all of the level below and rewrote it, since items are keyed by hash and stream
     * record keys interleave the shards. LZ4 costs compactions and reads less CPU than Snappy.
     */
    private static ColumnFamilyOptions sizeTiered(BlockBasedTableConfig table) {
        return new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setWriteBufferSize(MEMTABLE_BYTES / 2)
                .setCompactionStyle(CompactionStyle.UNIVERSAL)
                .setLevel0FileNumCompactionTrigger(8)
                .setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    ColumnFamilyHandle meta() {
        return meta;
    }

    ColumnFamilyHandle items() {
        return items;
    }

    ColumnFamilyHandle counters() {
        return counters;
    }

    ColumnFamilyHandle stream() {
        return stream;
    }

    byte[] get(ColumnFamilyHandle cf, byte[] key) {
        switchCountersOff();
        return value(cf, key);
    }

    private byte[] value(ColumnFamilyHandle cf, byte[] key) {
        try {
            return db.get(cf, readOptions, key);
        } catch (RocksDBException e) {
            throw new StorageException("read failed: " + e.getMessage(), e);
        }
    }

    /** Several values read from one consistent view of the database. */
    List<byte[]> multiGet(ColumnFamilyHandle cf, List<byte[]> keys) {
        switchCountersOff();
        // One key: a plain get spares the lists multiGet builds on both sides of JNI.
        if (keys.size() == 1) return Collections.singletonList(value(cf, keys.get(0)));
        try {
            return db.multiGetAsList(readOptions, Collections.nCopies(keys.size(), cf), keys);
        } catch (RocksDBException e) {
            throw new StorageException("read failed: " + e.getMessage(), e);
        }
    }

    /**
     * The values of keys about to be written, read under their item locks. Most writes create their item, and
     * RocksJava reports a missing key by throwing and catching a C++ exception (a miss cost three times a hit),
     * so the bloom filters are asked first; reads that expect to find their key use {@link #get}.
     */
    List<byte[]> currentValues(ColumnFamilyHandle cf, List<byte[]> keys) {
        switchCountersOff();
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) values.add(db.keyMayExist(cf, readOptions, key, null) ? value(cf, key) : null);
        return values;
    }

    void write(WriteBatch batch) {
        switchCountersOff();
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StorageException("write failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the batch into the WAL (handed to the operating system, so it survives the process) and the
     * memtables without syncing the WAL: it becomes durable with the next {@link #syncWal}.
     */
    void writeUnsynced(WriteBatch batch) {
        switchCountersOff();
        try {
            db.write(unsyncedWriteOptions, batch);
        } catch (RocksDBException e) {
            throw new StorageException("write failed: " + e.getMessage(), e);
        }
    }

    /** Syncs every WAL write that returned before this call began; several threads may sync at once. */
    void syncWal() {
        liveWal.sync(db);
    }

    boolean syncWrites() {
        return syncWrites;
    }

    /**
     * A RocksDB integer property ("rocksdb.cur-size-all-mem-tables", ...), summed over the column families when
     * {@code perFamily}, else the database's own (a shared cache's usage would be counted once per family); -1 if
     * RocksDB does not have it.
     */
    long property(String name, boolean perFamily) {
        try {
            return perFamily ? db.getAggregatedLongProperty(name) : db.getLongProperty(name);
        } catch (RocksDBException e) {
            return -1;
        }
    }

    /** An iterator the caller closes. */
    RocksIterator iterator(ColumnFamilyHandle cf) {
        switchCountersOff();
        return db.newIterator(cf, readOptions);
    }

    /** An iterator over one key range, which the caller closes. */
    BoundedIterator iterator(ColumnFamilyHandle cf, KeyRange range) {
        return iterator(cf, range, null);
    }

    /** An iterator over one key range as it was at {@code snapshot} (null: now), which the caller closes. */
    BoundedIterator iterator(ColumnFamilyHandle cf, KeyRange range, org.rocksdb.Snapshot snapshot) {
        switchCountersOff();
        return new BoundedIterator(db, cf, range, snapshot);
    }

    /** A view of the whole database as it is now, held until {@link #release}d. */
    org.rocksdb.Snapshot snapshot() {
        return db.getSnapshot();
    }

    void release(org.rocksdb.Snapshot snapshot) {
        db.releaseSnapshot(snapshot);
    }

    private void switchCountersOff() {
        if (countersOff.get()) return;
        db.setPerfLevel(PerfLevel.DISABLE);
        countersOff.set(true);
    }

    private <T extends AutoCloseable> T own(T handle) {
        owned.add(handle);
        return handle;
    }

    private void closeOwned() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception ignored) {
                // closing native handles in reverse order; one failing must not leak the rest
            }
        }
        owned.clear();
    }

    @Override
    public void close() {
        // Column family handles must go before the database, the options after it.
        for (AutoCloseable h : owned) {
            if (h instanceof ColumnFamilyHandle cf) cf.close();
        }
        owned.removeIf(h -> h instanceof ColumnFamilyHandle);
        db.close();
        closeOwned();
    }
}
