package io.tributary.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the database keeps about a table. {@code id} is internal and never reused, so the items of
 * a dropped table can never be mistaken for those of a new table with the same name.
 */
public record TableDefinition(
        String name,
        long id,
        String uuid,
        KeyElement hashKey,
        KeyElement rangeKey,
        List<KeyElement> attributeDefinitions,
        String billingMode,
        long readCapacity,
        long writeCapacity,
        long creationTimeMillis,
        StreamSpecification stream,
        long latestStreamId,
        String latestStreamLabel,
        List<IndexDefinition> indexes,
        TimeToLive timeToLive,
        Map<String, String> tags) {

    public TableDefinition {
        attributeDefinitions = List.copyOf(attributeDefinitions);
        indexes = List.copyOf(indexes);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public Optional<IndexDefinition> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    public boolean isKeyAttribute(String attributeName) {
        return hashKey.name().equals(attributeName) || (rangeKey != null && rangeKey.name().equals(attributeName));
    }

    public List<KeyElement> keyElements() {
        return rangeKey == null ? List.of(hashKey) : List.of(hashKey, rangeKey);
    }

    /** The key attributes of an item. */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return rangeKey == null
                ? Map.of(hashKey.name(), item.get(hashKey.name()))
                : Map.of(hashKey.name(), item.get(hashKey.name()), rangeKey.name(), item.get(rangeKey.name()));
    }

    public TableDefinition withId(long newId, String newUuid, long created) {
        return new TableDefinition(name, newId, newUuid, hashKey, rangeKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, created, stream, latestStreamId, latestStreamLabel, indexes, timeToLive, tags);
    }

    public TableDefinition withBilling(String mode, long read, long write) {
        return new TableDefinition(name, id, uuid, hashKey, rangeKey, attributeDefinitions, mode,
                read, write, creationTimeMillis, stream, latestStreamId, latestStreamLabel, indexes, timeToLive, tags);
    }

    public TableDefinition withStream(StreamSpecification spec, long streamId, String label) {
        return new TableDefinition(name, id, uuid, hashKey, rangeKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, creationTimeMillis, spec, streamId, label, indexes, timeToLive, tags);
    }

    public TableDefinition withIndexes(List<IndexDefinition> newIndexes) {
        return new TableDefinition(name, id, uuid, hashKey, rangeKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, creationTimeMillis, stream, latestStreamId, latestStreamLabel, newIndexes, timeToLive, tags);
    }

    public TableDefinition withAttributeDefinitions(List<KeyElement> definitions) {
        return new TableDefinition(name, id, uuid, hashKey, rangeKey, definitions, billingMode,
                readCapacity, writeCapacity, creationTimeMillis, stream, latestStreamId, latestStreamLabel, indexes, timeToLive, tags);
    }

    public TableDefinition withTimeToLive(TimeToLive ttl) {
        return new TableDefinition(name, id, uuid, hashKey, rangeKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, creationTimeMillis, stream, latestStreamId, latestStreamLabel, indexes, ttl, tags);
    }

    public TableDefinition withTags(Map<String, String> newTags) {
        return new TableDefinition(name, id, uuid, hashKey, rangeKey, attributeDefinitions, billingMode,
                readCapacity, writeCapacity, creationTimeMillis, stream, latestStreamId, latestStreamLabel, indexes, timeToLive, newTags);
    }
}
