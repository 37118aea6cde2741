package io.tributary.connect;

import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps one lease per shard: adds leases for shards the stream lists and the table lacks, and removes the
 * finished leases of shards the stream no longer lists (trimmed away).
 *
 * <p>The first time (no leases at all) the starting position decides: TRIM_HORIZON and AT_TIMESTAMP give
 * every shard that position; LATEST gives open shards LATEST and closed ones SHARD_END, so nothing older is
 * ever read. After that a new shard is a child of a known one and is read from its beginning.
 */
final class ShardSync {
    private final DynamoDbStreamsClient streams;
    private final LeaseTable leases;
    private final String streamArn;
    private final StartingPosition start;

    ShardSync(DynamoDbStreamsClient streams, LeaseTable leases, String streamArn, StartingPosition start) {
        this.streams = streams;
        this.leases = leases;
        this.streamArn = streamArn;
        this.start = start;
    }

    /** Brings the table in line with the stream; answers whether it changed anything. */
    boolean run(List<Lease> known) {
        List<Shard> shards = StreamShards.list(streams, streamArn);
        Map<String, Lease> byShard = known.stream().collect(Collectors.toMap(Lease::shardId, Function.identity()));
        Set<String> listed = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
        boolean first = known.isEmpty();
        boolean changed = false;
        // Parents before children, so a child's lease never exists while its listed parent's is missing.
        Set<String> added = new HashSet<>(byShard.keySet());
        List<Shard> pending = new ArrayList<>(shards);
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (var it = pending.iterator(); it.hasNext(); ) {
                Shard s = it.next();
                String parent = s.parentShardId();
                if (parent != null && listed.contains(parent) && !added.contains(parent)) continue;
                it.remove();
                if (added.add(s.shardId())) {
                    leases.createIfAbsent(s.shardId(), first ? initialCheckpoint(s) : "TRIM_HORIZON",
                            parent == null ? List.of() : List.of(parent));
                    changed = true;
                }
            }
            if (pending.size() == before) break;
        }
        for (Lease l : known) {
            if (l.finished() && !listed.contains(l.shardId())) {
                leases.delete(l.shardId());
                changed = true;
            }
        }
        return changed;
    }

    private String initialCheckpoint(Shard s) {
        boolean open = s.sequenceNumberRange() == null || s.sequenceNumberRange().endingSequenceNumber() == null;
        return switch (start.kind()) {
            case TRIM_HORIZON -> "TRIM_HORIZON";
            case LATEST -> open ? "LATEST" : Lease.SHARD_END;
            case AT_TIMESTAMP -> "AT_TIMESTAMP:" + start.timestamp().toEpochMilli();
            case AFTER_POSITIONS -> start.positions().getOrDefault(s.shardId(), "TRIM_HORIZON");
        };
    }
}
