package io.tributary.core.model;

import java.time.Duration;

/**
 * How streams behave: shards per stream, how often shards close and are replaced by children, how long
 * records are kept, how often expired records are trimmed, and how long a shard iterator lives.
 */
public record StreamSettings(int shardCount, Duration shardRollover, Duration retention, Duration trimInterval,
                             Duration iteratorLifetime) {
    public static final StreamSettings DEFAULTS = new StreamSettings(4, Duration.ofHours(4), Duration.ofHours(24),
            Duration.ofMinutes(1), Duration.ofMinutes(15));

    public StreamSettings {
        if (shardCount < 1 || shardCount > 1000) throw new IllegalArgumentException("shardCount must be 1..1000");
        if (shardRollover.toMillis() < 100) throw new IllegalArgumentException("shardRollover must be at least 100 ms");
        if (retention.toMillis() < 100) throw new IllegalArgumentException("retention must be at least 100 ms");
        if (trimInterval.toMillis() < 10) throw new IllegalArgumentException("trimInterval must be at least 10 ms");
        if (iteratorLifetime.toMillis() < 10) throw new IllegalArgumentException("iteratorLifetime must be at least 10 ms");
    }
}
