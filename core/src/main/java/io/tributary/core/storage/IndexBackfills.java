package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.IndexDefinition;
import io.tributary.core.model.TableDefinition;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Indexes the items a table had before a global index was added, one thread per index, each item under its
 * lock (writes meanwhile maintain the index themselves), then has the index marked active. A backfill cut
 * short by a stop goes on where it was at the next start: items already indexed are skipped.
 */
final class IndexBackfills implements AutoCloseable {
    private final Storage storage;
    private final ItemLocks locks;
    private final ItemCounters counters;
    private final GroupCommit commits;
    private final Function<String, TableDefinition> currentTable;
    private final BiConsumer<TableDefinition, IndexDefinition> activate;
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean closing;

    IndexBackfills(Storage storage, ItemLocks locks, ItemCounters counters, GroupCommit commits,
                   Function<String, TableDefinition> currentTable, BiConsumer<TableDefinition, IndexDefinition> activate) {
        this.storage = storage;
        this.locks = locks;
        this.counters = counters;
        this.commits = commits;
        this.currentTable = currentTable;
        this.activate = activate;
    }

    void start(TableDefinition table, IndexDefinition index) {
        Thread worker = new Thread(() -> backfill(table, index), "backfill-" + index.name());
        worker.setDaemon(true);
        synchronized (running) {
            running.add(worker);
        }
        worker.start();
    }

    private void backfill(TableDefinition table, IndexDefinition index) {
        byte[] after = null;
        while (!closing) {
            List<byte[]> keys = new ArrayList<>();
            try (RocksIterator it = storage.iterator(storage.items())) {
                KeyRange range = KeyRange.whole(table.id());
                it.seek(after == null ? range.start() : after);
                if (after != null && it.isValid() && Arrays.equals(it.key(), after)) it.next();
                for (; it.isValid() && range.contains(it.key()) && keys.size() < 1000; it.next()) keys.add(it.key());
            }
            if (keys.isEmpty()) break;
            for (byte[] key : keys) {
                if (closing || !indexOne(table, index, key)) return;
            }
            after = keys.get(keys.size() - 1);
        }
        if (!closing) activate.accept(table, index);
    }

    /** False when the table or index has gone meanwhile. */
    private boolean indexOne(TableDefinition table, IndexDefinition index, byte[] itemKey) {
        try (ItemLocks.Held held = locks.lock(itemKey)) {
            TableDefinition now = currentTable.apply(table.name());
            if (now == null || now.id() != table.id() || now.index(index.name()).filter(i -> i.id() == index.id()).isEmpty()) return false;
            byte[] bytes = storage.get(storage.items(), itemKey);
            if (bytes == null) return true;
            Map<String, AttributeValue> item = ItemCodec.decode(bytes);
            if (!index.covers(item)) return true;
            byte[] entry = ItemKeys.indexEntry(table, index, item);
            if (storage.get(storage.items(), entry) != null) return true;
            Map<String, AttributeValue> projected = IndexEntries.project(table, index, item);
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(storage.items(), entry, ItemCodec.encode(projected));
                counters.add(batch, index.id(), 1, AttributeValue.itemSize(projected));
                // under the item's lock, so unsynced; the synced write that activates the index covers it
                storage.writeUnsynced(batch);
                commits.written();
            } catch (RocksDBException e) {
                throw new StorageException("backfill failed: " + e.getMessage(), e);
            }
            return true;
        }
    }

    /** Stops every backfill at its next item and waits for it. */
    @Override
    public void close() {
        closing = true;
        List<Thread> threads;
        synchronized (running) {
            threads = new ArrayList<>(running);
        }
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
