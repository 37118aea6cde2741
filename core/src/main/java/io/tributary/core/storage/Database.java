package io.tributary.core.storage;

import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.model.StreamSettings;
import io.tributary.core.model.StreamSpecification;
import io.tributary.core.model.TableDefinition;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.RocksDBException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/** The storage engine: tables and their items on RocksDB, one WriteBatch per mutation. */
public final class Database implements AutoCloseable {
    private static final byte[] NEXT_TABLE_ID = "seq/table".getBytes(StandardCharsets.UTF_8);
    private static final String TABLE_PREFIX = "table/";

    private final Storage storage;
    private final StreamLog streams;
    private final ItemLocks locks = new ItemLocks(4096);
    private final ConcurrentSkipListMap<String, TableDefinition> tables = new ConcurrentSkipListMap<>();
    private final Object catalogLock = new Object();
    private long nextTableId;

    private Database(Storage storage, StreamSettings streamSettings) {
        this.storage = storage;
        loadCatalog();
        this.streams = new StreamLog(storage, streamSettings);
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
            TableDefinition table = requested.withId(id, UUID.randomUUID().toString(), System.currentTimeMillis());
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
                batch.deleteRange(storage.items(), ItemKeys.tablePrefix(table.id()), ItemKeys.tablePrefix(table.id() + 1));
                batch.delete(storage.counters(), counterKey(table.id(), 'c'));
                batch.delete(storage.counters(), counterKey(table.id(), 's'));
                storage.write(batch);
                afterDisable.run();
            } catch (RocksDBException e) {
                throw new StorageException("delete table failed: " + e.getMessage(), e);
            }
            tables.remove(name);
            return table;
        }
    }

    public long itemCount(TableDefinition table) {
        return counter(table.id(), 'c');
    }

    public long sizeBytes(TableDefinition table) {
        return counter(table.id(), 's');
    }

    // ---- items ----

    public Map<String, AttributeValue> getItem(TableDefinition table, Map<String, AttributeValue> key) {
        byte[] bytes = storage.get(storage.items(), ItemKeys.encode(table, key));
        return bytes == null ? null : ItemCodec.decode(bytes);
    }

    /**
     * Reads the item, applies the mutation and writes the result in one batch, all under the item's lock,
     * so concurrent conditional writes to one item are serialised and none is lost.
     */
    public ItemChange mutate(TableDefinition table, Map<String, AttributeValue> key, ChangeOrigin origin, ItemMutation mutation) {
        byte[] itemKey = ItemKeys.encode(table, key);
        ReentrantLock lock = locks.forKey(itemKey);
        lock.lock();
        try {
            byte[] oldBytes = storage.get(storage.items(), itemKey);
            Map<String, AttributeValue> oldItem = oldBytes == null ? null : ItemCodec.decode(oldBytes);
            Map<String, AttributeValue> newItem = mutation.apply(oldItem);
            if (newItem == null ? oldItem == null : newItem.equals(oldItem)) {
                return new ItemChange(oldItem, oldItem, false);
            }
            StreamLog.Appended appended = null;
            try (WriteBatch batch = new WriteBatch()) {
                long countDelta = (oldItem == null ? 0 : -1) + (newItem == null ? 0 : 1);
                long sizeDelta = (newItem == null ? 0 : AttributeValue.itemSize(newItem))
                        - (oldItem == null ? 0 : AttributeValue.itemSize(oldItem));
                if (newItem == null) batch.delete(storage.items(), itemKey);
                else batch.put(storage.items(), itemKey, ItemCodec.encode(newItem));
                if (countDelta != 0) batch.merge(storage.counters(), counterKey(table.id(), 'c'), counterDelta(countDelta));
                if (sizeDelta != 0) batch.merge(storage.counters(), counterKey(table.id(), 's'), counterDelta(sizeDelta));
                StreamLog.Live stream = streams.activeStream(table.id());
                if (stream != null) {
                    Map<String, AttributeValue> keys = table.keyOf(newItem != null ? newItem : oldItem);
                    appended = streams.append(stream, ItemKeys.partitionHash(table, keys),
                            (seq, viewType) -> StreamRecords.of(seq, keys, oldItem, newItem, viewType, origin), batch);
                }
                storage.write(batch);
            } catch (RocksDBException e) {
                throw new StorageException("write failed: " + e.getMessage(), e);
            } finally {
                if (appended != null) appended.complete();
            }
            return new ItemChange(oldItem, newItem, true);
        } finally {
            lock.unlock();
        }
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

    private long counter(long tableId, char kind) {
        byte[] v = storage.get(storage.counters(), counterKey(tableId, kind));
        return v == null ? 0 : ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] counterKey(long tableId, char kind) {
        return ByteBuffer.allocate(9).putLong(tableId).put((byte) kind).array();
    }

    /** uint64add wraps modulo 2^64, so a negative delta in two's complement subtracts. */
    private static byte[] counterDelta(long delta) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(delta).array();
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

    @Override
    public void close() {
        streams.close();
        storage.close();
    }
}
