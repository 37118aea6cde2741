package io.tributary.core.model;

import java.util.List;

/**
 * One stream of a table. Disabling a stream and enabling it again makes a new stream (new id, new label);
 * the old one stays readable, DISABLED, until its records expire.
 */
public record StreamDefinition(
        long id,
        String tableName,
        long tableId,
        String label,
        String viewType,
        KeyElement hashKey,
        KeyElement rangeKey,
        long createdMillis,
        boolean enabled,
        long disabledMillis,
        int shardCount,
        List<ShardDescriptor> shards) {

    public StreamDefinition {
        shards = List.copyOf(shards);
    }

    public StreamDefinition withShards(List<ShardDescriptor> newShards) {
        return new StreamDefinition(id, tableName, tableId, label, viewType, hashKey, rangeKey, createdMillis, enabled,
                disabledMillis, shardCount, newShards);
    }

    public StreamDefinition disabled(long atMillis, List<ShardDescriptor> closedShards) {
        return new StreamDefinition(id, tableName, tableId, label, viewType, hashKey, rangeKey, createdMillis, false,
                atMillis, shardCount, closedShards);
    }
}
