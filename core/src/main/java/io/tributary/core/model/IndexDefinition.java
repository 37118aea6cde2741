package io.tributary.core.model;

import java.util.List;
import java.util.Map;

/**
 * A secondary index. Its entries live in their own key space ({@code id}, from the same sequence as table
 * ids); {@code active} is false while a global index added by UpdateTable is being backfilled.
 */
public record IndexDefinition(
        String name,
        long id,
        boolean global,
        KeyElement hashKey,
        KeyElement rangeKey,
        String projectionType,
        List<String> nonKeyAttributes,
        boolean active,
        long readCapacity,
        long writeCapacity) {

    public IndexDefinition {
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }

    public List<KeyElement> keyElements() {
        return rangeKey == null ? List.of(hashKey) : List.of(hashKey, rangeKey);
    }

    /** DynamoDB's key size limits, which an index key must keep too. */
    public static final int MAX_HASH_KEY_BYTES = 2048;
    public static final int MAX_RANGE_KEY_BYTES = 1024;

    /**
     * Only items holding every index key attribute, with the declared type and within the key size limits,
     * appear in the index (a backfill skips the others, as DynamoDB's does).
     */
    public boolean covers(Map<String, AttributeValue> item) {
        for (KeyElement k : keyElements()) {
            AttributeValue v = item.get(k.name());
            if (v == null || v.type() != k.type()) return false;
            if (v.size() > (k == hashKey ? MAX_HASH_KEY_BYTES : MAX_RANGE_KEY_BYTES)) return false;
        }
        return true;
    }

    public IndexDefinition withId(long newId) {
        return new IndexDefinition(name, newId, global, hashKey, rangeKey, projectionType, nonKeyAttributes, active, readCapacity, writeCapacity);
    }

    public IndexDefinition activated() {
        return new IndexDefinition(name, id, global, hashKey, rangeKey, projectionType, nonKeyAttributes, true, readCapacity, writeCapacity);
    }

    public IndexDefinition withThroughput(long read, long write) {
        return new IndexDefinition(name, id, global, hashKey, rangeKey, projectionType, nonKeyAttributes, active, read, write);
    }
}
