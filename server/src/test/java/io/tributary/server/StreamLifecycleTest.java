package io.tributary.server;

import io.tributary.core.model.StreamSettings;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Iterator expiry, trimming and shard rollover, with short intervals configured so the test need not wait hours. */
class StreamLifecycleTest {
    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static String table(DynamoDbClient ddb, String name) {
        return ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))).tableDescription().latestStreamArn();
    }

    @Test
    void iterators_expire_after_their_lifetime() throws Exception {
        StreamSettings settings = new StreamSettings(1, Duration.ofHours(4), Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofMillis(300));
        try (TestServer server = TestServer.start(settings); DynamoDbClient ddb = server.client();
             DynamoDbStreamsClient streams = server.streamsClient()) {
            String arn = table(ddb, "expiring");
            String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            streams.getRecords(b -> b.shardIterator(it));
            Thread.sleep(600);
            ExpiredIteratorException e = assertThrows(ExpiredIteratorException.class, () -> streams.getRecords(b -> b.shardIterator(it)));
            assertTrue(e.awsErrorDetails().errorMessage().startsWith("Iterator expired."), e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void expired_records_are_trimmed_and_trim_horizon_moves_with_them() throws Exception {
        StreamSettings settings = new StreamSettings(1, Duration.ofHours(4), Duration.ofMillis(700), Duration.ofMillis(50), Duration.ofMinutes(15));
        try (TestServer server = TestServer.start(settings); DynamoDbClient ddb = server.client();
             DynamoDbStreamsClient streams = server.streamsClient()) {
            String arn = table(ddb, "trimmed");
            String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            ddb.putItem(b -> b.tableName("trimmed").item(Map.of("pk", s("old"))));
            String oldIterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            String oldSeq = StreamReader.readShard(streams, arn, shard).get(0).dynamodb().sequenceNumber();
            Thread.sleep(1500);
            ddb.putItem(b -> b.tableName("trimmed").item(Map.of("pk", s("new"))));

            TrimmedDataAccessException e = assertThrows(TrimmedDataAccessException.class, () -> streams.getRecords(b -> b.shardIterator(oldIterator)));
            assertEquals("The operation attempted to read past the oldest stream record in a shard.", e.awsErrorDetails().errorMessage());
            assertThrows(TrimmedDataAccessException.class, () -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(oldSeq)));
            List<Record> remaining = StreamReader.readShard(streams, arn, shard);
            assertEquals(List.of("new"), remaining.stream().map(r -> r.dynamodb().keys().get("pk").s()).toList());
            // After the last trimmed record nothing is missing: a checkpoint there reads on.
            String after = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(oldSeq)).shardIterator();
            assertEquals("new", streams.getRecords(b -> b.shardIterator(after)).records().get(0).dynamodb().keys().get("pk").s());
            String start = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0)
                    .sequenceNumberRange().startingSequenceNumber();
            assertTrue(start.compareTo(oldSeq) > 0);
        }
    }

    @Test
    void shards_roll_over_and_children_name_their_parents() throws Exception {
        StreamSettings settings = new StreamSettings(2, Duration.ofMillis(400), Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofMinutes(15));
        try (TestServer server = TestServer.start(settings); DynamoDbClient ddb = server.client();
             DynamoDbStreamsClient streams = server.streamsClient()) {
            String arn = table(ddb, "rolling");
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 10; i++) {
                    int n = i, r = round;
                    ddb.putItem(b -> b.tableName("rolling").item(Map.of("pk", s("k" + n), "round", AttributeValue.builder().n(Integer.toString(r)).build())));
                }
                Thread.sleep(700);
            }
            List<Shard> shards = new ArrayList<>(streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards());
            assertTrue(shards.size() >= 6, "two shards and at least two generations of children: " + shards.size());
            Map<String, Shard> byId = new HashMap<>();
            shards.forEach(sh -> byId.put(sh.shardId(), sh));
            int closed = 0;
            for (Shard sh : shards) {
                if (sh.sequenceNumberRange().endingSequenceNumber() != null) {
                    closed++;
                    assertTrue(sh.sequenceNumberRange().endingSequenceNumber().compareTo(sh.sequenceNumberRange().startingSequenceNumber()) >= 0);
                    List<Shard> children = streams.describeStream(b -> b.streamArn(arn)
                            .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(sh.shardId()))).streamDescription().shards();
                    assertEquals(1, children.size());
                    assertEquals(sh.shardId(), children.get(0).parentShardId());
                    // A closed shard read to its end gives no next iterator.
                    String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(sh.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                    int guard = 0;
                    while (it != null && guard++ < 100) {
                        String current = it;
                        it = streams.getRecords(b -> b.shardIterator(current)).nextShardIterator();
                    }
                    assertNull(it, "closed shard " + sh.shardId() + " ends");
                }
                if (sh.parentShardId() != null) assertTrue(byId.containsKey(sh.parentShardId()));
            }
            assertTrue(closed >= 4);
            // Following lineage, every item's records come in order and none is lost.
            List<Record> records = StreamReader.readAll(streams, arn);
            assertEquals(30, records.size());
            Map<String, Integer> lastRound = new HashMap<>();
            for (Record r : records) {
                String k = r.dynamodb().keys().get("pk").s();
                int round = Integer.parseInt(r.dynamodb().newImage().get("round").n());
                assertEquals(lastRound.getOrDefault(k, -1) + 1, round);
                lastRound.put(k, round);
            }
        }
    }
}
