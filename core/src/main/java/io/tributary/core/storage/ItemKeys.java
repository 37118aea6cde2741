package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.IndexDefinition;
import io.tributary.core.model.TableDefinition;

import java.util.Map;

/**
 * Item keys in the items column family: table id, a hash of the partition key (spreads partitions, and
 * gives scan segments and stream shards as hash ranges), the partition key, then the sort key, both in
 * order-preserving encodings so that one partition's items are one sorted range.
 */
public final class ItemKeys {
    private ItemKeys() {}

    public static byte[] encode(TableDefinition table, Map<String, AttributeValue> key) {
        ByteWriter w = new ByteWriter(48);
        w.writeLong(table.id());
        byte[] partition = KeyCodec.encode(key.get(table.hashKey().name()));
        w.writeInt(partitionHash(partition));
        w.write(partition);
        if (table.rangeKey() != null) KeyCodec.encode(w, key.get(table.rangeKey().name()));
        return w.toByteArray();
    }

    /**
     * An item's entry in a secondary index: the index's key, then the table's key, which keeps entries
     * of items sharing index key values apart.
     */
    public static byte[] indexEntry(TableDefinition table, IndexDefinition index, Map<String, AttributeValue> item) {
        ByteWriter w = new ByteWriter(64);
        w.writeLong(index.id());
        byte[] partition = KeyCodec.encode(item.get(index.hashKey().name()));
        w.writeInt(partitionHash(partition));
        w.write(partition);
        if (index.rangeKey() != null) KeyCodec.encode(w, item.get(index.rangeKey().name()));
        KeyCodec.encode(w, item.get(table.hashKey().name()));
        if (table.rangeKey() != null) KeyCodec.encode(w, item.get(table.rangeKey().name()));
        return w.toByteArray();
    }

    /** The entries of one partition of a key space (a table or an index) start with this. */
    public static byte[] partitionPrefix(long spaceId, AttributeValue partitionValue) {
        ByteWriter w = new ByteWriter(48);
        w.writeLong(spaceId);
        byte[] partition = KeyCodec.encode(partitionValue);
        w.writeInt(partitionHash(partition));
        w.write(partition);
        return w.toByteArray();
    }

    /** The partition hash of an item's key, which picks its stream shard. */
    public static int partitionHash(TableDefinition table, Map<String, AttributeValue> key) {
        return partitionHash(KeyCodec.encode(key.get(table.hashKey().name())));
    }

    public static byte[] tablePrefix(long tableId) {
        ByteWriter w = new ByteWriter(8);
        w.writeLong(tableId);
        return w.toByteArray();
    }

    /** FNV-1a with murmur3's finaliser: cheap, and well spread over the 32-bit range. */
    static int partitionHash(byte[] encodedPartitionKey) {
        int h = 0x811c9dc5;
        for (byte b : encodedPartitionKey) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
