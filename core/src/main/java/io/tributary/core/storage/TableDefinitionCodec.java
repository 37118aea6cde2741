package io.tributary.core.storage;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.StreamSpecification;
import io.tributary.core.model.TableDefinition;

import java.util.ArrayList;
import java.util.List;

/** Table definitions as stored in the meta column family; the leading version byte allows later fields. */
final class TableDefinitionCodec {
    private static final int VERSION = 1;

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
        return w.toByteArray();
    }

    static TableDefinition decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        int version = r.read();
        if (version != VERSION) throw new IllegalStateException("unknown table definition version " + version);
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
        return new TableDefinition(name, id, uuid, hash, range, defs, billing, read, write, created,
                new StreamSpecification(enabled, view.isEmpty() ? null : view), streamId, label.isEmpty() ? null : label);
    }

    private static void writeKey(ByteWriter w, KeyElement k) {
        w.writeString(k.name());
        w.write(k.type().ordinal());
    }

    private static KeyElement readKey(ByteReader r) {
        return new KeyElement(r.readString(), AttributeType.values()[r.read()]);
    }
}
