package io.tributary.server;

import io.tributary.core.model.StreamSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** DescribeStream's shard listing as AWS gives it: ShardId order, parents first, paging after an id, and its validation. */
class ShardListingTest {
    static TestServer server;
    static DynamoDbClient ddb;
    static DynamoDbStreamsClient streams;
    static String arn;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(new StreamSettings(4, Duration.ofMillis(150), Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofMinutes(15)));
        ddb = server.client();
        streams = server.streamsClient();
        arn = TestServer.createStreamTable(ddb, "listing", "pk", StreamViewType.KEYS_ONLY);
        while (shards(100, null).size() < 12) {
            ddb.putItem(b -> b.tableName("listing").item(Map.of("pk", AttributeValue.builder().s("k" + System.nanoTime()).build())));
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() {
        streams.close();
        ddb.close();
        server.close();
    }

    static List<Shard> shards(Integer limit, String after) {
        return streams.describeStream(b -> b.streamArn(arn).limit(limit).exclusiveStartShardId(after)).streamDescription().shards();
    }

    @Test
    void shards_are_listed_in_shard_id_order_with_every_parent_before_its_children() {
        List<Shard> all = shards(100, null);
        List<String> ids = all.stream().map(Shard::shardId).toList();
        assertEquals(ids.stream().sorted().toList(), ids);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) position.put(ids.get(i), i);
        for (Shard s : all) {
            if (s.parentShardId() != null && position.containsKey(s.parentShardId())) {
                assertTrue(position.get(s.parentShardId()) < position.get(s.shardId()), s.toString());
            }
        }
    }

    @Test
    void limit_pages_end_with_their_last_shard_id_and_resume_after_it() {
        List<String> paged = new ArrayList<>();
        String last = null;
        do {
            String after = last;
            StreamDescription page = streams.describeStream(b -> b.streamArn(arn).limit(5).exclusiveStartShardId(after)).streamDescription();
            assertTrue(page.shards().size() <= 5);
            page.shards().forEach(s -> paged.add(s.shardId()));
            last = page.lastEvaluatedShardId();
            if (last != null) assertEquals(paged.get(paged.size() - 1), last);
        } while (last != null);
        // shards keep rolling over every 150 ms, so the whole listing is taken after the pages: it can only be longer
        List<String> expected = shards(100, null).stream().map(Shard::shardId).toList();
        assertEquals(expected.subList(0, paged.size()), paged);
    }

    @Test
    void an_exclusive_start_shard_id_that_no_shard_has_means_after_it() {
        List<String> ids = shards(100, null).stream().map(Shard::shardId).toList();
        assertEquals(List.of(), shards(null, ids.get(ids.size() - 1)));
        assertEquals(List.of(), shards(null, "zzzzzzzzzzzzzzzzzzzzzzzzsfasdgagadfadfgagkjsdfsfsdjfjks"));
        String between = ids.get(2) + "0";
        assertEquals(ids.subList(3, ids.size()), shards(100, between).stream().map(Shard::shardId).toList().subList(0, ids.size() - 3));
        assertEquals(ids.get(0), shards(100, "shardId-00000000000000000000-0").get(0).shardId());
    }

    @Test
    void a_child_shards_filter_validates_its_shard_id() {
        ServerTest.assertAwsError("ValidationException", "1 validation error detected: Value 'short' at 'shardFilter.shardId' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 28", () -> streams.describeStream(b -> b.streamArn(arn)
                .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId("short"))));
        String first = shards(100, null).get(0).shardId();
        List<Shard> children = streams.describeStream(b -> b.streamArn(arn)
                .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(first))).streamDescription().shards();
        assertFalse(children.isEmpty());
        children.forEach(c -> assertEquals(first, c.parentShardId()));
    }

    @Test
    void trim_horizon_and_latest_refuse_a_sequence_number() {
        Shard shard = shards(1, null).get(0);
        for (ShardIteratorType type : List.of(ShardIteratorType.TRIM_HORIZON, ShardIteratorType.LATEST)) {
            ServerTest.assertAwsError("ValidationException", "Invalid Request: SequenceNumber must not be specified when using ShardIteratorType " + type,
                    () -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId()).shardIteratorType(type)
                            .sequenceNumber(shard.sequenceNumberRange().startingSequenceNumber())));
        }
    }
}
