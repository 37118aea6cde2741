package io.tributary.core.storage;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.ShardDescriptor;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.model.StreamRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stream definitions (meta column family) and stream records (stream column family) in binary form. */
final class StreamCodec {
    private static final String[] EVENTS = {"INSERT", "MODIFY", "REMOVE"};

    private StreamCodec() {}

    static byte[] encodeDefinition(StreamDefinition s) {
        ByteWriter w = new ByteWriter(256);
        w.write(1);
        w.writeLong(s.id());
        w.writeString(s.tableName());
        w.writeLong(s.tableId());
        w.writeString(s.label());
        w.writeString(s.viewType());
        writeKey(w, s.hashKey());
        w.write(s.rangeKey() == null ? 0 : 1);
        if (s.rangeKey() != null) writeKey(w, s.rangeKey());
        w.writeLong(s.createdMillis());
        w.write(s.enabled() ? 1 : 0);
        w.writeLong(s.disabledMillis());
        w.writeVarint(s.shardCount());
        w.writeVarint(s.shards().size());
        for (ShardDescriptor d : s.shards()) {
            w.writeVarint(d.ordinal());
            w.writeVarint(d.slot());
            w.writeString(d.shardId());
            w.writeString(d.parentShardId() == null ? "" : d.parentShardId());
            w.writeLong(d.startingSequence());
            w.writeLong(d.endingSequence());
            w.writeLong(d.createdMillis());
            w.writeLong(d.closedMillis());
            w.writeLong(d.trimmedThrough());
        }
        return w.toByteArray();
    }

    static StreamDefinition decodeDefinition(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        if (r.read() != 1) throw new IllegalStateException("unknown stream definition version");
        long id = r.readLong();
        String table = r.readString();
        long tableId = r.readLong();
        String label = r.readString();
        String view = r.readString();
        KeyElement hash = readKey(r);
        KeyElement range = r.read() == 1 ? readKey(r) : null;
        long created = r.readLong();
        boolean enabled = r.read() == 1;
        long disabled = r.readLong();
        int shardCount = (int) r.readVarint();
        int n = (int) r.readVarint();
        List<ShardDescriptor> shards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int ordinal = (int) r.readVarint();
            int slot = (int) r.readVarint();
            String shardId = r.readString();
            String parent = r.readString();
            shards.add(new ShardDescriptor(ordinal, slot, shardId, parent.isEmpty() ? null : parent,
                    r.readLong(), r.readLong(), r.readLong(), r.readLong(), r.readLong()));
        }
        return new StreamDefinition(id, table, tableId, label, view, hash, range, created, enabled, disabled, shardCount, shards);
    }

    /**
     * {@code storedOld} and {@code storedNew}: the items as {@link ItemCodec#encode} stored them, or null, taken
     * as they are for the record's images instead of encoding the maps again.
     */
    static byte[] encodeRecord(StreamRecord rec, byte[] storedOld, byte[] storedNew) {
        ByteWriter w = new ByteWriter(128 + (storedOld == null ? 0 : storedOld.length) + (storedNew == null ? 0 : storedNew.length));
        w.write(1);
        w.write(eventIndex(rec.eventName()));
        w.writeLong(rec.createdMillis());
        w.writeString(rec.region());
        w.write(rec.byTtl() ? 1 : 0);
        ItemCodec.writeMap(w, rec.keys());
        writeOptionalMap(w, rec.oldImage(), storedOld);
        writeOptionalMap(w, rec.newImage(), storedNew);
        w.writeVarint(rec.sizeBytes());
        return w.toByteArray();
    }

    /** The record's fields, its keys and images left where they are in {@code bytes}. */
    static StoredStreamRecord decodeStored(long sequence, byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        if (r.read() != 1) throw new IllegalStateException("unknown stream record version");
        String event = EVENTS[r.read()];
        long created = r.readLong();
        String region = r.readString();
        boolean ttl = r.read() == 1;
        int keysAt = r.position();
        ItemCodec.skipMap(r);
        int oldImageAt = skipOptionalMap(r);
        int newImageAt = skipOptionalMap(r);
        int size = (int) r.readVarint();
        return new StoredStreamRecord(sequence, event, created, region, ttl, bytes, keysAt, oldImageAt, newImageAt, size);
    }

    /** The creation time alone, for trimming without decoding images. */
    static long createdMillis(byte[] bytes) {
        ByteReader r = new ByteReader(bytes, 2);
        return r.readLong();
    }

    private static int eventIndex(String event) {
        for (int i = 0; i < EVENTS.length; i++) if (EVENTS[i].equals(event)) return i;
        throw new IllegalArgumentException(event);
    }

    private static void writeOptionalMap(ByteWriter w, Map<String, AttributeValue> map, byte[] stored) {
        w.write(map == null ? 0 : 1);
        if (map == null) return;
        if (stored != null) w.write(stored);
        else ItemCodec.writeMap(w, map);
    }

    /** Where the map starts, or -1 if there is none; the reader is moved past it. */
    private static int skipOptionalMap(ByteReader r) {
        if (r.read() == 0) return -1;
        int at = r.position();
        ItemCodec.skipMap(r);
        return at;
    }

    private static void writeKey(ByteWriter w, KeyElement k) {
        w.writeString(k.name());
        w.write(k.type().ordinal());
    }

    private static KeyElement readKey(ByteReader r) {
        return new KeyElement(r.readString(), AttributeType.values()[r.read()]);
    }
}
