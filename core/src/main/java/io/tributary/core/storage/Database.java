package io.tributary.core.storage;

import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.IndexDefinition;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.model.StreamSettings;
import io.tributary.core.model.StreamSpecification;
import io.tributary.core.model.TableDefinition;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.RocksDBException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** The storage engine: tables and their items on RocksDB, one WriteBatch per mutation. */
public final class Database implements AutoCloseable {
    private static final byte[] NEXT_TABLE_ID = "seq/table".getBytes(StandardCharsets.UTF_8);
    private static final String TABLE_PREFIX = "table/";
    private static final int BATCH_BYTES_PER_WRITE = 1024;

    private final Storage storage;
    private final GroupCommit commits;
    private final StreamLog streams;
    private final ItemLocks locks = new ItemLocks();
    private final ItemCounters counters;
    private final ConcurrentSkipListMap<String, TableDefinition> tables = new ConcurrentSkipListMap<>();
    private final Object catalogLock = new Object();
    private long nextTableId;

    /** Held shared by writers from taking sequence numbers until their batch is written, exclusively to take a snapshot. */
    private final java.util.concurrent.locks.StampedLock snapshotBarrier = new java.util.concurrent.locks.StampedLock();
    private final ReadSnapshots snapshots;

    private final IndexBackfills backfills;

    private Database(Storage storage, StreamSettings streamSettings) {
        this.storage = storage;
        this.commits = new GroupCommit(storage);
        this.counters = new ItemCounters(storage);
        loadCatalog();
        this.streams = new StreamLog(storage, streamSettings);
        this.backfills = new IndexBackfills(storage, locks, counters, commits, tables::get, this::activate);
        this.snapshots = new ReadSnapshots(storage);
        // a backfill cut short by a stop goes on where it is (already indexed items are skipped)
        for (TableDefinition t : tables.values()) {
            for (IndexDefinition i : t.indexes()) if (!i.active()) backfills.start(t, i);
        }
    }

    public static Database open(Path directory, boolean syncWrites) {
        return open(directory, syncWrites, StreamSettings.DEFAULTS);
    }

    public static Database open(Path directory, boolean syncWrites, StreamSettings streamSettings) {
        return new Database(new Storage(directory, syncWrites), streamSettings);
    }

    public StreamLog streams() {
        return streams;
    }

    /** Item writes return before their WAL is synced; this tells when they are durable. */
    public GroupCommit commits() {
        return commits;
    }

    // ---- tables ----

    public Optional<TableDefinition> findTable(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** Table names in DynamoDB's ListTables order. */
    public List<String> tableNames() {
        return new ArrayList<>(tables.keySet());
    }

    public TableDefinition createTable(TableDefinition requested) {
        synchronized (catalogLock) {
            if (tables.containsKey(requested.name())) {
                throw TributaryException.resourceInUse("Table already exists: " + requested.name());
            }
            long id = nextTableId++;
            List<IndexDefinition> indexes = new ArrayList<>();
            for (IndexDefinition i : requested.indexes()) indexes.add(i.withId(nextTableId++).activated());
            TableDefinition table = requested.withId(id, UUID.randomUUID().toString(), System.currentTimeMillis()).withIndexes(indexes);
            try (WriteBatch batch = new WriteBatch()) {
                StreamDefinition stream = null;
                if (table.stream().enabled()) {
                    stream = streams.create(table, table.stream().viewType(), batch);
                    table = table.withStream(table.stream(), stream.id(), stream.label());
                }
                batch.put(storage.meta(), NEXT_TABLE_ID, longBytes(nextTableId));
                batch.put(storage.meta(), tableKey(table.name()), TableDefinitionCodec.encode(table));
                storage.write(batch);
                if (stream != null) streams.register(stream);
            } catch (RocksDBException e) {
                throw new StorageException("create table failed: " + e.getMessage(), e);
            }
            tables.put(table.name(), table);
            return table;
        }
    }

    /**
     * Applies {@code change} to the table's definition; a {@code streamChange} (null: none) enables a new
     * stream or disables the current one, in the same batch.
     */
    public TableDefinition updateTable(String name, UnaryOperator<TableDefinition> change, StreamSpecification streamChange) {
        synchronized (catalogLock) {
            TableDefinition current = tables.get(name);
            if (current == null) throw tableNotFound(name);
            TableDefinition updated = change.apply(current);
            try (WriteBatch batch = new WriteBatch()) {
                StreamDefinition created = null;
                Runnable afterDisable = () -> { };
                if (streamChange != null && streamChange.enabled()) {
                    created = streams.create(updated, streamChange.viewType(), batch);
                    updated = updated.withStream(streamChange, created.id(), created.label());
                } else if (streamChange != null) {
                    afterDisable = streams.disable(updated.id(), batch);
                    updated = updated.withStream(StreamSpecification.DISABLED, updated.latestStreamId(), updated.latestStreamLabel());
                }
                batch.put(storage.meta(), tableKey(name), TableDefinitionCodec.encode(updated));
                storage.write(batch);
                afterDisable.run();
                if (created != null) streams.register(created);
            } catch (RocksDBException e) {
                throw new StorageException("update table failed: " + e.getMessage(), e);
            }
            tables.put(name, updated);
            return updated;
        }
    }

    /** Drops the table and all its items at once (a range delete), returning its last definition. */
    public TableDefinition deleteTable(String name) {
        synchronized (catalogLock) {
            TableDefinition table = tables.get(name);
            if (table == null) throw tableNotFound(name);
            try (WriteBatch batch = new WriteBatch()) {
                Runnable afterDisable = streams.disable(table.id(), batch);
                batch.delete(storage.meta(), tableKey(name));
                dropSpace(batch, table.id());
                for (IndexDefinition index : table.indexes()) dropSpace(batch, index.id());
                storage.write(batch);
                afterDisable.run();
            } catch (RocksDBException e) {
                throw new StorageException("delete table failed: " + e.getMessage(), e);
            }
            tables.remove(name);
            return table;
        }
    }

    /** Items in a table or index, by its id. */
    public long itemCount(long spaceId) {
        return counters.items(spaceId);
    }

    public long sizeBytes(long spaceId) {
        return counters.bytes(spaceId);
    }

    // ---- items ----

    public Map<String, AttributeValue> getItem(TableDefinition table, Map<String, AttributeValue> key) {
        byte[] bytes = getStoredItem(table, key);
        return bytes == null ? null : ItemCodec.decode(bytes);
    }

    /** The item in its stored form ({@link ItemCodec}), or null: for readers that copy it straight out. */
    public byte[] getStoredItem(TableDefinition table, Map<String, AttributeValue> key) {
        return storage.get(storage.items(), ItemKeys.encode(table, key));
    }

    /**
     * Items of several tables read at one instant, as TransactGetItems needs, in their stored form
     * ({@link ItemCodec}); null where an item is missing.
     */
    public List<byte[]> getStoredItems(List<TableDefinition> itemTables, List<Map<String, AttributeValue>> keys) {
        List<byte[]> encoded = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) encoded.add(ItemKeys.encode(itemTables.get(i), keys.get(i)));
        return storage.multiGet(storage.items(), encoded);
    }

    /** One item's part in a write that may span several items. */
    public record Write(TableDefinition table, Map<String, AttributeValue> key, ItemMutation mutation) {}

    /**
     * Reads the item, applies the mutation and writes the result in one batch, all under the item's lock,
     * so concurrent conditional writes to one item are serialised and none is lost.
     */
    public ItemChange mutate(TableDefinition table, Map<String, AttributeValue> key, ChangeOrigin origin, ItemMutation mutation) {
        return mutateAll(List.of(new Write(table, key, mutation)), origin, changes -> { }).get(0);
    }

    /**
     * Writes several items all or nothing: every item is locked, every mutation decided from the items as
     * they are, {@code beforeCommit} may still refuse (by throwing), then the items, their index entries,
     * counters and stream records go into the WAL in one batch. It returns before the WAL is synced: the
     * write is durable once {@link #commits()} reports a mark taken after it durable. Its stream records
     * become readable only then.
     */
    public List<ItemChange> mutateAll(List<Write> writes, ChangeOrigin origin, Consumer<List<ItemChange>> beforeCommit) {
        List<byte[]> itemKeys = new ArrayList<>(writes.size());
        for (Write w : writes) itemKeys.add(ItemKeys.encode(w.table(), w.key()));
        List<StreamLog.Appended> appended = new ArrayList<>();
        long mark = -1;
        ItemLocks.Held held = locks.lockAll(itemKeys);
        try {
            List<TableDefinition> tablesNow = new ArrayList<>(writes.size());
            List<ItemChange> changes = new ArrayList<>(writes.size());
            List<byte[]> oldValues = storage.currentValues(storage.items(), itemKeys);
            for (int i = 0; i < writes.size(); i++) {
                TableDefinition table = current(writes.get(i).table());
                tablesNow.add(table);
                byte[] oldBytes = oldValues.get(i);
                Map<String, AttributeValue> oldItem = oldBytes == null ? null : ItemCodec.decode(oldBytes);
                Map<String, AttributeValue> newItem = writes.get(i).mutation().apply(oldItem);
                boolean same = newItem == null ? oldItem == null : newItem.equals(oldItem);
                changes.add(same ? new ItemChange(oldItem, oldItem, false) : new ItemChange(oldItem, newItem, true));
            }
            beforeCommit.accept(changes);
            if (changes.stream().noneMatch(ItemChange::written)) return changes;
            // Room for each item and its stream record up front: grown from empty, the batch's buffer was
            // copied again as it doubled.
            long barrier = snapshotBarrier.readLock();
            try (WriteBatch batch = new WriteBatch(BATCH_BYTES_PER_WRITE * changes.size())) {
                ItemCounters.Deltas counts = counters.new Deltas();
                for (int i = 0; i < changes.size(); i++) {
                    ItemChange c = changes.get(i);
                    if (c.written()) write(batch, tablesNow.get(i), itemKeys.get(i), oldValues.get(i), c, origin, appended, counts);
                }
                counts.writeTo(batch);
                storage.writeUnsynced(batch);
                mark = commits.written();
            } catch (RocksDBException e) {
                throw new StorageException("write failed: " + e.getMessage(), e);
            } finally {
                snapshotBarrier.unlockRead(barrier);
            }
            return changes;
        } finally {
            held.close();
            // A record's sequence number is in flight until here: readers of its shard stop before it.
            if (mark < 0) streams.completed(appended);
            else if (!appended.isEmpty()) commits.whenDurable(mark, failure -> streams.completed(appended));
        }
    }

    /** {@code oldBytes}: the old item as stored, which its stream record takes as it is. */
    private void write(WriteBatch batch, TableDefinition table, byte[] itemKey, byte[] oldBytes, ItemChange change,
                       ChangeOrigin origin, List<StreamLog.Appended> appended, ItemCounters.Deltas counts) throws RocksDBException {
        Map<String, AttributeValue> oldItem = change.oldItem(), newItem = change.newItem();
        byte[] newBytes = newItem == null ? null : ItemCodec.encode(newItem);
        if (newItem == null) batch.delete(storage.items(), itemKey);
        else batch.put(storage.items(), itemKey, newBytes);
        int oldSize = oldItem == null ? 0 : AttributeValue.itemSize(oldItem);
        int newSize = newItem == null ? 0 : AttributeValue.itemSize(newItem);
        counts.add(table.id(), (oldItem == null ? 0 : -1) + (newItem == null ? 0 : 1), newSize - oldSize);
        for (IndexDefinition index : table.indexes()) {
            long countDelta = 0, sizeDelta = 0;
            if (oldItem != null && index.covers(oldItem)) {
                batch.delete(storage.items(), ItemKeys.indexEntry(table, index, oldItem));
                countDelta--;
                sizeDelta -= AttributeValue.itemSize(IndexEntries.project(table, index, oldItem));
            }
            if (newItem != null && index.covers(newItem)) {
                Map<String, AttributeValue> projected = IndexEntries.project(table, index, newItem);
                batch.put(storage.items(), ItemKeys.indexEntry(table, index, newItem), ItemCodec.encode(projected));
                countDelta++;
                sizeDelta += AttributeValue.itemSize(projected);
            }
            counts.add(index.id(), countDelta, sizeDelta);
        }
        StreamLog.Live stream = streams.activeStream(table.id());
        if (stream != null) {
            Map<String, AttributeValue> keys = table.keyOf(newItem != null ? newItem : oldItem);
            StreamLog.Appended record = streams.append(stream, new StreamChange(keys, ItemKeys.partitionHash(table, keys),
                    oldItem, oldSize, oldBytes, newItem, newSize, newBytes, origin), batch);
            if (record != null) appended.add(record);
        }
    }

    /** The table's definition as it is now: a write must maintain the indexes that exist when it commits. */
    private TableDefinition current(TableDefinition table) {
        TableDefinition now = tables.get(table.name());
        if (now == null || now.id() != table.id()) throw tableNotFound(table.name());
        return now;
    }

    /** The entries of a range of a table or index, in key order or reversed, after {@code exclusiveStart} if given. */
    public ItemCursor read(KeyRange range, boolean forward, byte[] exclusiveStart) {
        return read(range, forward, exclusiveStart, null);
    }

    /** {@link #read} as the database was at {@code snapshot} (null: now). */
    public ItemCursor read(KeyRange range, boolean forward, byte[] exclusiveStart, ReadSnapshot snapshot) {
        return new ItemCursor(storage.iterator(storage.items(), range, snapshot == null ? null : snapshot.snapshot()),
                range, forward, exclusiveStart);
    }

    // ---- read snapshots ----

    /**
     * Freezes the database between two writes and notes where the table's stream stands: no write is then
     * between taking its sequence numbers and writing its batch, so every change in the snapshot has a record at
     * or below the snapshot's sequence number and every later change one above. The snapshot may hold writes
     * not yet synced: answer its caller once {@link #commits()} reports a mark taken after it durable.
     */
    public ReadSnapshots.InUse snapshot(String tableName) {
        TableDefinition table = tables.get(tableName);
        if (table == null) throw tableNotFound(tableName);
        org.rocksdb.Snapshot snapshot;
        long sequence;
        long barrier = snapshotBarrier.writeLock();
        try {
            snapshot = storage.snapshot();
            sequence = streams.lastSequence();
        } finally {
            snapshotBarrier.unlockWrite(barrier);
        }
        return snapshots.add(tableName, sequence, streams.activeLabel(table.id()), streams.positionsThrough(table.id(), sequence), snapshot);
    }

    public ReadSnapshots snapshots() {
        return snapshots;
    }

    // ---- secondary indexes ----

    /**
     * Adds a global index to a table; it is maintained by every write from now on, while existing items
     * are indexed in the background, after which it turns active.
     */
    public TableDefinition addIndex(String tableName, IndexDefinition requested, List<KeyElement> attributeDefinitions) {
        TableDefinition updated;
        IndexDefinition index;
        synchronized (catalogLock) {
            TableDefinition table = tables.get(tableName);
            if (table == null) throw tableNotFound(tableName);
            index = requested.withId(nextTableId++);
            List<IndexDefinition> indexes = new ArrayList<>(table.indexes());
            indexes.add(index);
            updated = table.withIndexes(indexes).withAttributeDefinitions(attributeDefinitions);
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(storage.meta(), NEXT_TABLE_ID, longBytes(nextTableId));
                batch.put(storage.meta(), tableKey(tableName), TableDefinitionCodec.encode(updated));
                storage.write(batch);
            } catch (RocksDBException e) {
                throw new StorageException("update table failed: " + e.getMessage(), e);
            }
            tables.put(tableName, updated);
        }
        backfills.start(updated, index);
        return updated;
    }

    /** Marks the index active once its backfill is done, unless the table or the index went meanwhile. */
    private void activate(TableDefinition table, IndexDefinition index) {
        synchronized (catalogLock) {
            TableDefinition now = tables.get(table.name());
            if (now == null || now.id() != table.id() || now.index(index.name()).filter(i -> i.id() == index.id()).isEmpty()) return;
            List<IndexDefinition> indexes = new ArrayList<>();
            for (IndexDefinition i : now.indexes()) indexes.add(i.id() == index.id() ? i.activated() : i);
            TableDefinition updated = now.withIndexes(indexes);
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(storage.meta(), tableKey(now.name()), TableDefinitionCodec.encode(updated));
                storage.write(batch);
            } catch (RocksDBException e) {
                throw new StorageException("update table failed: " + e.getMessage(), e);
            }
            tables.put(now.name(), updated);
        }
    }

    /** Drops a global index and its entries. */
    public TableDefinition removeIndex(String tableName, String indexName) {
        synchronized (catalogLock) {
            TableDefinition table = tables.get(tableName);
            if (table == null) throw tableNotFound(tableName);
            IndexDefinition index = table.index(indexName).orElseThrow();
            List<IndexDefinition> indexes = new ArrayList<>(table.indexes());
            indexes.remove(index);
            TableDefinition updated = table.withIndexes(indexes);
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(storage.meta(), tableKey(tableName), TableDefinitionCodec.encode(updated));
                dropSpace(batch, index.id());
                storage.write(batch);
            } catch (RocksDBException e) {
                throw new StorageException("update table failed: " + e.getMessage(), e);
            }
            tables.put(tableName, updated);
            return updated;
        }
    }

    private void dropSpace(WriteBatch batch, long spaceId) throws RocksDBException {
        batch.deleteRange(storage.items(), ItemKeys.tablePrefix(spaceId), ItemKeys.tablePrefix(spaceId + 1));
        counters.drop(batch, spaceId);
    }

    // ---- internals ----

    private void loadCatalog() {
        byte[] next = storage.get(storage.meta(), NEXT_TABLE_ID);
        nextTableId = next == null ? 1 : ByteBuffer.wrap(next).getLong();
        byte[] prefix = TABLE_PREFIX.getBytes(StandardCharsets.UTF_8);
        try (RocksIterator it = storage.iterator(storage.meta())) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                TableDefinition t = TableDefinitionCodec.decode(it.value());
                tables.put(t.name(), t);
            }
        }
    }

    private static byte[] tableKey(String name) {
        return (TABLE_PREFIX + name).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (a[i] != prefix[i]) return false;
        return true;
    }

    static TributaryException tableNotFound(String name) {
        return TributaryException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
    }

    /** A RocksDB integer property, for metrics: see {@link Storage#property}. */
    public long storageProperty(String name, boolean perFamily) {
        return storage.property(name, perFamily);
    }

    @Override
    public void close() {
        backfills.close();
        commits.close();
        streams.close();
        snapshots.close();
        storage.close();
    }
}
