package io.tributary.server;

import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads a whole stream from TRIM_HORIZON, every shard, as a consumer would; records come back in sequence order. */
public final class StreamReader {
    private StreamReader() {}

    public static List<Record> readAll(DynamoDbStreamsClient streams, String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            var d = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from)).streamDescription();
            shards.addAll(d.shards());
            start = d.lastEvaluatedShardId();
        } while (start != null);
        List<Record> out = new ArrayList<>();
        for (Shard shard : shards) out.addAll(readShard(streams, streamArn, shard.shardId()));
        out.sort(Comparator.comparing(r -> r.dynamodb().sequenceNumber()));
        return out;
    }

    public static List<Record> readShard(DynamoDbStreamsClient streams, String streamArn, String shardId) {
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> out = new ArrayList<>();
        while (iterator != null) {
            String it = iterator;
            GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(it));
            out.addAll(r.records());
            if (r.records().isEmpty()) break;
            iterator = r.nextShardIterator();
        }
        return out;
    }
}
