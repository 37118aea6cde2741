package io.tributary.core.storage;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.IndexDefinition;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.StreamSpecification;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.model.TimeToLive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/** Table definitions as stored in the meta column family; the leading version byte allows later fields. */
final class TableDefinitionCodec {
    private static final int VERSION = 2;

    private TableDefinitionCodec() {}

    static byte[] encode(TableDefinition t) {
        ByteWriter w = new ByteWriter(128);
        w.write(VERSION);
        w.writeString(t.name());
        w.writeLong(t.id());
        w.writeString(t.uuid());
        writeKey(w, t.hashKey());
        w.write(t.rangeKey() == null ? 0 : 1);
        if (t.rangeKey() != null) writeKey(w, t.rangeKey());
        w.writeVarint(t.attributeDefinitions().size());
        for (KeyElement k : t.attributeDefinitions()) writeKey(w, k);
        w.writeString(t.billingMode());
        w.writeLong(t.readCapacity());
        w.writeLong(t.writeCapacity());
        w.writeLong(t.creationTimeMillis());
        w.write(t.stream().enabled() ? 1 : 0);
        w.writeString(t.stream().viewType() == null ? "" : t.stream().viewType());
        w.writeLong(t.latestStreamId());
        w.writeString(t.latestStreamLabel() == null ? "" : t.latestStreamLabel());
        w.writeVarint(t.indexes().size());
        for (IndexDefinition i : t.indexes()) writeIndex(w, i);
        w.write(t.timeToLive().enabled() ? 1 : 0);
        w.writeString(t.timeToLive().attributeName() == null ? "" : t.timeToLive().attributeName());
        w.writeVarint(t.tags().size());
        t.tags().forEach((k, v) -> {
            w.writeString(k);
            w.writeString(v);
        });
        return w.toByteArray();
    }

    static TableDefinition decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        int version = r.read();
        if (version != 1 && version != VERSION) throw new IllegalStateException("unknown table definition version " + version);
        String name = r.readString();
        long id = r.readLong();
        String uuid = r.readString();
        KeyElement hash = readKey(r);
        KeyElement range = r.read() == 1 ? readKey(r) : null;
        int n = (int) r.readVarint();
        List<KeyElement> defs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) defs.add(readKey(r));
        String billing = r.readString();
        long read = r.readLong();
        long write = r.readLong();
        long created = r.readLong();
        boolean enabled = r.read() == 1;
        String view = r.readString();
        long streamId = r.readLong();
        String label = r.readString();
        List<IndexDefinition> indexes = new ArrayList<>();
        TimeToLive ttl = TimeToLive.DISABLED;
        Map<String, String> tags = new LinkedHashMap<>();
        if (version >= 2) {
            int count = (int) r.readVarint();
            for (int i = 0; i < count; i++) indexes.add(readIndex(r));
            boolean ttlEnabled = r.read() == 1;
            String ttlName = r.readString();
            ttl = new TimeToLive(ttlName.isEmpty() ? null : ttlName, ttlEnabled);
            int tagCount = (int) r.readVarint();
            for (int i = 0; i < tagCount; i++) tags.put(r.readString(), r.readString());
        }
        return new TableDefinition(name, id, uuid, hash, range, defs, billing, read, write, created,
                new StreamSpecification(enabled, view.isEmpty() ? null : view), streamId, label.isEmpty() ? null : label,
                indexes, ttl, tags);
    }

    private static void writeIndex(ByteWriter w, IndexDefinition i) {
        w.writeString(i.name());
        w.writeLong(i.id());
        w.write(i.global() ? 1 : 0);
        writeKey(w, i.hashKey());
        w.write(i.rangeKey() == null ? 0 : 1);
        if (i.rangeKey() != null) writeKey(w, i.rangeKey());
        w.writeString(i.projectionType());
        w.writeVarint(i.nonKeyAttributes().size());
        for (String a : i.nonKeyAttributes()) w.writeString(a);
        w.write(i.active() ? 1 : 0);
        w.writeLong(i.readCapacity());
        w.writeLong(i.writeCapacity());
    }

    private static IndexDefinition readIndex(ByteReader r) {
        String name = r.readString();
        long id = r.readLong();
        boolean global = r.read() == 1;
        KeyElement hash = readKey(r);
        KeyElement range = r.read() == 1 ? readKey(r) : null;
        String projection = r.readString();
        int n = (int) r.readVarint();
        List<String> nonKey = new ArrayList<>(n);
        for (int i = 0; i < n; i++) nonKey.add(r.readString());
        boolean active = r.read() == 1;
        return new IndexDefinition(name, id, global, hash, range, projection, nonKey, active, r.readLong(), r.readLong());
    }

    private static void writeKey(ByteWriter w, KeyElement k) {
        w.writeString(k.name());
        w.write(k.type().ordinal());
    }

    private static KeyElement readKey(ByteReader r) {
        return new KeyElement(r.readString(), AttributeType.values()[r.read()]);
    }
}
