package io.tributary.core.storage;

import io.tributary.core.model.ShardDescriptor;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.model.StreamRecord;
import io.tributary.core.model.StreamSettings;
import io.tributary.core.model.TableDefinition;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams of all tables: their definitions and shards, sequence numbers, the records (written by
 * {@link Database#mutate} in the item's own batch), shard rollover and trimming of expired records.
 * Stream record keys: {@code stream id (8) | shard ordinal (4) | sequence number (8)}.
 */
public final class StreamLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamLog.class);
    private static final String STREAM_PREFIX = "stream/";
    private static final byte[] NEXT_STREAM_ID = "seq/stream-id".getBytes(StandardCharsets.UTF_8);

    private final Storage storage;
    private final StreamSettings settings;
    private final Map<Long, Live> streams = new ConcurrentHashMap<>();
    private final Map<Long, Live> activeByTable = new ConcurrentHashMap<>();
    private final StreamSequences sequences;
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> recordWaiters = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong recordsVersion = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.LongAdder recordsWritten = new java.util.concurrent.atomic.LongAdder();
    private final Object metaLock = new Object();
    private final ScheduledExecutorService background;
    private final byte[] iteratorSecret;
    private long nextStreamId;

    /** In-memory state of one stream. */
    static final class Live {
        volatile StreamDefinition definition;
        volatile OpenShard[] current;
        final Map<Integer, OpenShard> shards = new ConcurrentHashMap<>();

        Live(StreamDefinition definition) {
            this.definition = definition;
        }
    }

    StreamLog(Storage storage, StreamSettings settings) {
        this.storage = storage;
        this.settings = settings;
        sequences = new StreamSequences(storage);
        byte[] next = storage.get(storage.meta(), NEXT_STREAM_ID);
        nextStreamId = next == null ? 1 : ByteBuffer.wrap(next).getLong();
        iteratorSecret = IteratorSecret.loadOrCreate(storage);
        load();
        background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-streams");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(10, Math.min(1000, Math.min(settings.shardRollover().toMillis() / 4, settings.trimInterval().toMillis())));
        background.scheduleWithFixedDelay(this::maintain, tick, tick, TimeUnit.MILLISECONDS);
    }

    public StreamSettings settings() {
        return settings;
    }

    /** The key that signs shard iterators; kept on disk so iterators outlive a restart, as AWS's do. */
    public byte[] iteratorSecret() {
        return iteratorSecret.clone();
    }

    // ---- lifecycle, called by Database inside its catalog lock ----

    /** A new stream for the table, its definition added to {@code batch}; {@link #register} it once the batch commits. */
    StreamDefinition create(TableDefinition table, String viewType, WriteBatch batch) throws RocksDBException {
        synchronized (metaLock) {
            long id = nextStreamId++;
            String label = newLabel();
            batch.put(storage.meta(), NEXT_STREAM_ID, longBytes(nextStreamId));
            long now = System.currentTimeMillis();
            List<ShardDescriptor> shards = new ArrayList<>();
            long start = sequences.last() + 1;
            for (int slot = 0; slot < settings.shardCount(); slot++) {
                shards.add(new ShardDescriptor(slot, slot, shardId(now, id, slot), null, start, -1, now, 0, -1));
            }
            StreamDefinition def = new StreamDefinition(id, table.name(), table.id(), label, viewType, table.hashKey(),
                    table.rangeKey(), now, true, 0, settings.shardCount(), shards);
            batch.put(storage.meta(), streamKey(id), StreamCodec.encodeDefinition(def));
            return def;
        }
    }

    void register(StreamDefinition def) {
        Live live = new Live(def);
        for (ShardDescriptor d : def.shards()) {
            live.shards.put(d.ordinal(), new OpenShard(d.ordinal(), !d.isOpen(), lastSequenceAtOrBelow(def.id(), d.ordinal(), Long.MAX_VALUE)));
        }
        if (def.enabled()) {
            live.current = currentShards(live, def);
            activeByTable.put(def.tableId(), live);
        }
        streams.put(def.id(), live);
    }

    /** Disables the table's active stream (if any) in {@code batch}; apply the returned change once it commits. */
    Runnable disable(long tableId, WriteBatch batch) throws RocksDBException {
        Live live = activeByTable.get(tableId);
        if (live == null) return () -> { };
        synchronized (metaLock) {
            long now = System.currentTimeMillis();
            for (OpenShard s : live.current) s.close();
            // A number of its own marks the boundary, so even an empty shard ends at or after its start.
            long ending = sequences.next();
            List<ShardDescriptor> shards = new ArrayList<>();
            for (ShardDescriptor d : live.definition.shards()) shards.add(d.isOpen() ? d.closed(ending, now) : d);
            StreamDefinition disabled = live.definition.disabled(now, shards);
            batch.put(storage.meta(), streamKey(disabled.id()), StreamCodec.encodeDefinition(disabled));
            return () -> {
                live.definition = disabled;
                live.current = null;
                activeByTable.remove(tableId, live);
            };
        }
    }

    // ---- the write path ----

    /** The table's enabled stream, or null. */
    Live activeStream(long tableId) {
        return activeByTable.get(tableId);
    }

    /** A record added to a batch: once the batch is written (or has failed) the caller must call {@link #complete}. */
    record Appended(OpenShard shard, long sequence) {
        void complete() {
            shard.complete(sequence);
        }
    }

    /**
     * Takes a sequence number in the shard for the change's partition hash and adds its record to the batch;
     * null if the stream was disabled meanwhile.
     */
    Appended append(Live live, StreamChange change, WriteBatch batch) throws RocksDBException {
        while (true) {
            OpenShard[] current = live.current;
            if (current == null) return null;
            OpenShard shard = current[slotOf(change.partitionHash(), current.length)];
            long seq = shard.assign(sequences);
            if (seq < 0) {
                Thread.onSpinWait();
                continue;
            }
            StreamRecord record = StreamRecords.of(seq, change.keys(), change.oldItem(), change.oldSize(), change.newItem(),
                    change.newSize(), live.definition.viewType(), change.origin());
            batch.put(storage.stream(), recordKey(live.definition.id(), shard.ordinal, seq),
                    StreamCodec.encodeRecord(record, change.oldBytes(), change.newBytes()));
            return new Appended(shard, seq);
        }
    }

    /**
     * Makes the records visible to readers of their shards and wakes whoever waits for records (a long
     * poll); called once their batch is durable, or has failed.
     */
    void completed(List<Appended> appended) {
        if (appended.isEmpty()) return;
        appended.forEach(Appended::complete);
        recordsWritten.add(appended.size());
        recordsVersion.incrementAndGet();
        Runnable wake;
        while ((wake = recordWaiters.poll()) != null) wake.run();
    }

    /** Stream records written since the database opened, in every stream. */
    public long recordsWritten() {
        return recordsWritten.sum();
    }

    /** Changes whenever records become visible in any stream: a waiter reads it before looking, and again after registering. */
    public long recordsVersion() {
        return recordsVersion.get();
    }

    /** Runs {@code wake} once, the next time records become visible in any stream; it must only hand work elsewhere. */
    public void whenRecordsAppear(Runnable wake) {
        recordWaiters.add(wake);
    }

    /** Drops a waiter that stopped waiting (its wait ran out). */
    public void forgetWaiter(Runnable wake) {
        recordWaiters.remove(wake);
    }

    /** The highest sequence number given out so far, in any stream. */
    long lastSequence() {
        return sequences.last();
    }

    /**
     * For each shard of the table's enabled stream, the last sequence number at or below {@code through}
     * (shards with none left out); empty when the table has no enabled stream.
     */
    Map<String, Long> positionsThrough(long tableId, long through) {
        Live live = activeByTable.get(tableId);
        Map<String, Long> positions = new java.util.LinkedHashMap<>();
        if (live == null) return positions;
        StreamDefinition def = live.definition;
        for (ShardDescriptor d : def.shards()) {
            long last = lastSequenceAtOrBelow(def.id(), d.ordinal(), through);
            if (last >= 0) positions.put(d.shardId(), last);
        }
        return positions;
    }

    /** The label of the table's enabled stream, or null. */
    String activeLabel(long tableId) {
        Live live = activeByTable.get(tableId);
        return live == null ? null : live.definition.label();
    }

    // ---- reading ----

    public List<StreamDefinition> streams() {
        List<StreamDefinition> out = new ArrayList<>();
        for (Live l : streams.values()) out.add(l.definition);
        out.sort(Comparator.comparing(StreamDefinition::tableName).thenComparingLong(StreamDefinition::id));
        return out;
    }

    public Optional<StreamDefinition> find(String tableName, String label) {
        for (Live l : streams.values()) {
            if (l.definition.tableName().equals(tableName) && l.definition.label().equals(label)) return Optional.of(l.definition);
        }
        return Optional.empty();
    }

    public Optional<StreamDefinition> find(long streamId) {
        Live l = streams.get(streamId);
        return l == null ? Optional.empty() : Optional.of(l.definition);
    }

    /** Highest sequence number a reader of the shard may see now. */
    public long visibleThrough(long streamId, int ordinal) {
        Live l = streams.get(streamId);
        OpenShard s = l == null ? null : l.shards.get(ordinal);
        return s == null ? Long.MAX_VALUE : s.visibleThrough();
    }

    /** True once a closed shard can receive nothing more: no write is still in flight in it. */
    public boolean isSealed(long streamId, ShardDescriptor shard) {
        if (shard.isOpen()) return false;
        Live l = streams.get(streamId);
        OpenShard s = l == null ? null : l.shards.get(shard.ordinal());
        return s == null || !s.hasInFlight();
    }

    /** The highest committed, visible sequence number in the shard, or -1 if it has none. */
    public long lastVisibleSequence(long streamId, int ordinal) {
        return lastSequenceAtOrBelow(streamId, ordinal, visibleThrough(streamId, ordinal));
    }

    /** The highest sequence number stored in the shard up to {@code upper}, visible or not, or -1 if there is none. */
    private long lastSequenceAtOrBelow(long streamId, int ordinal, long upper) {
        byte[] prefix = shardPrefix(streamId, ordinal);
        try (RocksIterator it = storage.iterator(storage.stream())) {
            it.seekForPrev(recordKey(streamId, ordinal, upper));
            if (it.isValid() && startsWith(it.key(), prefix)) return ByteBuffer.wrap(it.key(), 12, 8).getLong();
        }
        return -1;
    }

    /**
     * Visits the shard's visible records from {@code fromSequence} on, until the visitor returns false.
     * Returns true if it stopped because no more visible records were there.
     */
    public boolean read(long streamId, int ordinal, long fromSequence, Predicate<StoredStreamRecord> visitor) {
        Live l = streams.get(streamId);
        OpenShard s = l == null ? null : l.shards.get(ordinal);
        // A reader at the end of its shard (most polls of a quiet stream) needs no RocksDB iterator.
        if (s != null && fromSequence > s.lastAssigned()) return true;
        long visible = visibleThrough(streamId, ordinal);
        byte[] prefix = shardPrefix(streamId, ordinal);
        try (RocksIterator it = storage.iterator(storage.stream())) {
            for (it.seek(recordKey(streamId, ordinal, fromSequence)); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                long seq = ByteBuffer.wrap(it.key(), 12, 8).getLong();
                if (seq > visible) return true;
                if (!visitor.test(StreamCodec.decodeStored(seq, it.value()))) return false;
            }
        }
        return true;
    }

    // ---- rollover and trimming ----

    private void maintain() {
        try {
            long now = System.currentTimeMillis();
            for (Live live : streams.values()) {
                if (live.definition.enabled()) rolloverIfDue(live, now);
            }
            trim(now);
        } catch (RuntimeException e) {
            LOG.warn("stream maintenance failed; retrying on the next tick", e);
        }
    }

    private long lastTrim;

    private void rolloverIfDue(Live live, long now) {
        synchronized (metaLock) {
            StreamDefinition def = live.definition;
            OpenShard[] current = live.current;
            if (!def.enabled() || current == null) return;
            long generationStart = def.shards().stream().filter(ShardDescriptor::isOpen)
                    .mapToLong(ShardDescriptor::createdMillis).min().orElse(now);
            if (now - generationStart < settings.shardRollover().toMillis()) return;
            for (OpenShard s : current) s.close();
            // A number of its own marks the boundary, so even an empty shard ends at or after its start.
            long ending = sequences.next();
            List<ShardDescriptor> shards = new ArrayList<>();
            List<ShardDescriptor> children = new ArrayList<>();
            int nextOrdinal = def.shards().stream().mapToInt(ShardDescriptor::ordinal).max().orElse(-1) + 1;
            // ShardIds begin with their creation time, so children must be created after every parent to sort after them.
            long created = Math.max(now, def.shards().stream().mapToLong(ShardDescriptor::createdMillis).max().orElse(0) + 1);
            for (ShardDescriptor d : def.shards()) {
                if (!d.isOpen()) {
                    shards.add(d);
                    continue;
                }
                shards.add(d.closed(ending, now));
                int ordinal = nextOrdinal++;
                children.add(new ShardDescriptor(ordinal, d.slot(), shardId(created, def.id(), ordinal), d.shardId(),
                        ending + 1, -1, created, 0, -1));
            }
            shards.addAll(children);
            StreamDefinition next = def.withShards(shards);
            persist(next);
            for (ShardDescriptor c : children) live.shards.put(c.ordinal(), new OpenShard(c.ordinal(), false, -1));
            live.definition = next;
            live.current = currentShards(live, next);
        }
    }

    private void trim(long now) {
        if (now - lastTrim < settings.trimInterval().toMillis()) return;
        lastTrim = now;
        long cutoff = now - settings.retention().toMillis();
        for (Live live : streams.values()) {
            synchronized (metaLock) {
                StreamDefinition def = live.definition;
                List<ShardDescriptor> kept = new ArrayList<>();
                boolean changed = false;
                for (ShardDescriptor d : def.shards()) {
                    ShardDescriptor t = trimShard(def.id(), d, cutoff);
                    changed |= t != d;
                    boolean expired = !t.isOpen() && t.closedMillis() < cutoff && lastVisibleSequence(def.id(), t.ordinal()) < 0
                            && isSealed(def.id(), t);
                    if (expired) {
                        changed = true;
                        live.shards.remove(t.ordinal());
                    } else {
                        kept.add(t);
                    }
                }
                if (!def.enabled() && kept.isEmpty() && def.disabledMillis() < cutoff) {
                    deleteDefinition(def.id());
                    streams.remove(def.id());
                    continue;
                }
                if (changed) {
                    StreamDefinition next = def.withShards(kept);
                    persist(next);
                    live.definition = next;
                }
            }
        }
    }

    private ShardDescriptor trimShard(long streamId, ShardDescriptor d, long cutoff) {
        byte[] prefix = shardPrefix(streamId, d.ordinal());
        long last = -1;
        try (RocksIterator it = storage.iterator(storage.stream())) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                if (StreamCodec.createdMillis(it.value()) >= cutoff) break;
                last = ByteBuffer.wrap(it.key(), 12, 8).getLong();
            }
        }
        if (last < 0) return d;
        try (WriteBatch b = new WriteBatch()) {
            b.deleteRange(storage.stream(), prefix, recordKey(streamId, d.ordinal(), last + 1));
            storage.write(b);
        } catch (RocksDBException e) {
            throw new StorageException("trim failed: " + e.getMessage(), e);
        }
        return d.trimmed(Math.max(last, d.trimmedThrough()));
    }

    // ---- internals ----

    private void load() {
        byte[] prefix = STREAM_PREFIX.getBytes(StandardCharsets.UTF_8);
        try (RocksIterator it = storage.iterator(storage.meta())) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                register(StreamCodec.decodeDefinition(it.value()));
            }
        }
    }

    private static OpenShard[] currentShards(Live live, StreamDefinition def) {
        OpenShard[] out = new OpenShard[def.shardCount()];
        for (ShardDescriptor d : def.shards()) {
            if (d.isOpen()) out[d.slot()] = live.shards.get(d.ordinal());
        }
        return out;
    }

    private void persist(StreamDefinition def) {
        try (WriteBatch b = new WriteBatch()) {
            b.put(storage.meta(), streamKey(def.id()), StreamCodec.encodeDefinition(def));
            storage.write(b);
        } catch (RocksDBException e) {
            throw new StorageException("cannot save stream: " + e.getMessage(), e);
        }
    }

    private void deleteDefinition(long id) {
        try (WriteBatch b = new WriteBatch()) {
            b.delete(storage.meta(), streamKey(id));
            b.deleteRange(storage.stream(), longBytes(id), longBytes(id + 1));
            storage.write(b);
        } catch (RocksDBException e) {
            throw new StorageException("cannot drop stream: " + e.getMessage(), e);
        }
    }

    /** A stream label is the time the stream was enabled, as AWS forms it; a later stream of the table never repeats one. */
    private String newLabel() {
        long now = Math.max(System.currentTimeMillis(), lastLabelMillis + 1);
        lastLabelMillis = now;
        return LABEL.format(java.time.Instant.ofEpochMilli(now));
    }

    private long lastLabelMillis;
    private static final java.time.format.DateTimeFormatter LABEL =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);

    /** Hash ranges: slot i holds the partition hashes in the i-th of {@code n} equal parts of the 32-bit space. */
    static int slotOf(int partitionHash, int n) {
        return (int) (((partitionHash & 0xFFFFFFFFL) * n) >>> 32);
    }

    private static String shardId(long createdMillis, long streamId, int ordinal) {
        int tag = (int) (streamId * 0x9E3779B1L + ordinal * 0x85EBCA77L);
        return String.format("shardId-%020d-%08x", createdMillis, tag);
    }

    static byte[] recordKey(long streamId, int ordinal, long seq) {
        return ByteBuffer.allocate(20).putLong(streamId).putInt(ordinal).putLong(seq).array();
    }

    private static byte[] shardPrefix(long streamId, int ordinal) {
        return ByteBuffer.allocate(12).putLong(streamId).putInt(ordinal).array();
    }

    private static byte[] streamKey(long id) {
        return ByteBuffer.allocate(STREAM_PREFIX.length() + 8).put(STREAM_PREFIX.getBytes(StandardCharsets.UTF_8)).putLong(id).array();
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (a[i] != prefix[i]) return false;
        return true;
    }

    @Override
    public void close() {
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
