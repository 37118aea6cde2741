package io.tributary.server.streams;

import io.tributary.core.TributaryException;
import io.tributary.server.api.AwsMessages;
import io.tributary.core.model.ShardDescriptor;
import io.tributary.core.model.StreamDefinition;

/** Finding a shard of a stream, with AWS's not-found text. */
final class Shards {
    private Shards() {}

    static ShardDescriptor byId(StreamDefinition stream, String shardId, String streamArn) {
        for (ShardDescriptor s : stream.shards()) {
            if (s.shardId().equals(shardId)) return s;
        }
        throw AwsMessages.shardNotFound();
    }

    static ShardDescriptor byOrdinal(StreamDefinition stream, int ordinal) {
        for (ShardDescriptor s : stream.shards()) {
            if (s.ordinal() == ordinal) return s;
        }
        throw AwsMessages.shardNotFound();
    }

    static TributaryException trimmed() {
        return new TributaryException("TrimmedDataAccessException",
                "The operation attempted to read past the oldest stream record in a shard.");
    }
}
