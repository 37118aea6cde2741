package io.tributary.connect;

import java.util.List;

/**
 * One shard's row in the lease table: who reads it ({@code owner}, null when free), a counter its owner
 * raises to show it is alive, where reading is ({@code checkpoint}: a sequence number, or TRIM_HORIZON,
 * LATEST, AT_TIMESTAMP:epochMillis, SHARD_END once the shard is read to its end) and the parent shards that
 * must reach SHARD_END first.
 */
public record Lease(String shardId, String owner, long counter, String checkpoint, List<String> parentShardIds) {
    public static final String SHARD_END = "SHARD_END";

    public boolean finished() {
        return SHARD_END.equals(checkpoint);
    }
}
