package io.tributary.server;

import io.tributary.core.model.StreamSettings;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Sequence numbers are taken in one order and batches commit in another; a reader tailing the shard
 * while sixteen writers race must still see every record, none skipped, in sequence order.
 */
class StreamVisibilityTest {
    @Test
    void a_tailing_reader_never_skips_a_record_committed_late() throws Exception {
        StreamSettings oneShard = new StreamSettings(1, Duration.ofHours(4), Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofMinutes(15));
        try (TestServer server = TestServer.start(oneShard); DynamoDbClient ddb = server.client();
             DynamoDbStreamsClient streams = server.streamsClient()) {
            String arn = ddb.createTable(b -> b.tableName("raced")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))).tableDescription().latestStreamArn();
            String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String start = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.LATEST)).shardIterator();

            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        int n = i;
                        ddb.putItem(b -> b.tableName("raced").item(Map.of("pk", AttributeValue.builder().s(writer + "-" + n).build())));
                    }
                }));
            }
            List<String> tailed = new ArrayList<>();
            Future<?> reader = pool.submit(() -> {
                String it = start;
                while (true) {
                    boolean done = !writing.get();
                    String current = it;
                    GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(current));
                    r.records().forEach(rec -> tailed.add(rec.dynamodb().sequenceNumber()));
                    it = r.nextShardIterator();
                    if (done && r.records().isEmpty()) return;
                }
            });
            for (Future<?> f : writers) f.get();
            writing.set(false);
            reader.get();
            pool.shutdown();

            List<String> all = StreamReader.readShard(streams, arn, shard).stream().map(Record::dynamodb)
                    .map(StreamRecord::sequenceNumber).toList();
            assertEquals(2400, all.size());
            assertEquals(all, tailed, "the tailing reader saw every record, in order");
        }
    }
}
