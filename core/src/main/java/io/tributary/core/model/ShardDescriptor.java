package io.tributary.core.model;

/**
 * A shard of a stream: one hash range ({@code slot}) for one generation. Records in it have sequence
 * numbers from {@code startingSequence}; once closed, none after {@code endingSequence} (-1 while open).
 * {@code trimmedThrough} is the highest sequence number whose record has expired (-1: none yet).
 */
public record ShardDescriptor(
        int ordinal,
        int slot,
        String shardId,
        String parentShardId,
        long startingSequence,
        long endingSequence,
        long createdMillis,
        long closedMillis,
        long trimmedThrough) {

    public boolean isOpen() {
        return endingSequence < 0;
    }

    public ShardDescriptor closed(long ending, long atMillis) {
        return new ShardDescriptor(ordinal, slot, shardId, parentShardId, startingSequence, ending, createdMillis, atMillis, trimmedThrough);
    }

    public ShardDescriptor trimmed(long through) {
        return new ShardDescriptor(ordinal, slot, shardId, parentShardId, startingSequence, endingSequence, createdMillis, closedMillis, through);
    }
}
