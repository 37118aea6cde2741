package io.tributary.connect;

import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.List;

/** Every shard DescribeStream lists for a stream, over all its pages. */
public final class StreamShards {
    private StreamShards() {}

    public static List<Shard> list(DynamoDbStreamsClient streams, String streamArn) {
        List<Shard> all = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            StreamDescription d = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from)).streamDescription();
            all.addAll(d.shards());
            start = d.lastEvaluatedShardId();
        } while (start != null);
        return all;
    }
}
