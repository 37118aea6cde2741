package io.tributary.server;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

class StreamsApiTest extends ServerTest {

    /** Creates a table with a stream of the given view type and returns the stream ARN. */
    static String table(String name, StreamViewType view) {
        return ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(view))).tableDescription().latestStreamArn();
    }

    static void insertModifyRemove(String table) {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("k"), "v", s("1"))));
        ddb.updateItem(b -> b.tableName(table).key(Map.of("pk", s("k"))).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", s("2"))));
        ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", s("k"))));
    }

    /** AWS: "if you perform a PutItem or UpdateItem operation that does not change any data in an item, no stream record". */
    @Test
    void a_write_that_changes_nothing_writes_no_record() {
        String arn = TestServer.createStreamTable(ddb, "unchanged", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        ddb.putItem(b -> b.tableName("unchanged").item(item("pk", s("a"), "x", n("1"))));
        ddb.putItem(b -> b.tableName("unchanged").item(item("pk", s("a"), "x", n("1"))));
        ddb.updateItem(b -> b.tableName("unchanged").key(item("pk", s("a"))).updateExpression("SET x = :v")
                .expressionAttributeValues(Map.of(":v", n("1"))));
        ddb.deleteItem(b -> b.tableName("unchanged").key(item("pk", s("never"))));
        List<Record> records = StreamReader.readAll(streams, arn);
        assertEquals(List.of("INSERT"), records.stream().map(Record::eventNameAsString).toList());
    }

    @Test
    void new_and_old_images_insert_modify_remove() {
        String arn = table("view_both", StreamViewType.NEW_AND_OLD_IMAGES);
        insertModifyRemove("view_both");
        List<Record> records = StreamReader.readAll(streams, arn);
        assertEquals(List.of("INSERT", "MODIFY", "REMOVE"), records.stream().map(Record::eventNameAsString).toList());
        StreamRecord insert = records.get(0).dynamodb(), modify = records.get(1).dynamodb(), remove = records.get(2).dynamodb();
        assertEquals(Map.of("pk", s("k")), insert.keys());
        assertEquals(Map.of("pk", s("k"), "v", s("1")), insert.newImage());
        assertFalse(insert.hasOldImage());
        assertEquals(Map.of("pk", s("k"), "v", s("1")), modify.oldImage());
        assertEquals(Map.of("pk", s("k"), "v", s("2")), modify.newImage());
        assertEquals(Map.of("pk", s("k"), "v", s("2")), remove.oldImage());
        assertFalse(remove.hasNewImage());
    }

    @Test
    void keys_only_new_image_and_old_image_views() {
        for (StreamViewType view : List.of(StreamViewType.KEYS_ONLY, StreamViewType.NEW_IMAGE, StreamViewType.OLD_IMAGE)) {
            String table = "view_" + view.toString().toLowerCase();
            String arn = table(table, view);
            insertModifyRemove(table);
            List<Record> records = StreamReader.readAll(streams, arn);
            assertEquals(3, records.size(), view.toString());
            for (Record r : records) {
                assertEquals(view, r.dynamodb().streamViewType());
                assertEquals(Map.of("pk", s("k")), r.dynamodb().keys());
                boolean wantsNew = view == StreamViewType.NEW_IMAGE && !r.eventNameAsString().equals("REMOVE");
                boolean wantsOld = view == StreamViewType.OLD_IMAGE && !r.eventNameAsString().equals("INSERT");
                assertEquals(wantsNew, r.dynamodb().hasNewImage(), view + " " + r.eventNameAsString());
                assertEquals(wantsOld, r.dynamodb().hasOldImage(), view + " " + r.eventNameAsString());
            }
        }
    }

    @Test
    void records_are_shaped_like_aws() {
        String arn = table("shape", StreamViewType.NEW_AND_OLD_IMAGES);
        Instant before = Instant.now().minusSeconds(2);
        try (DynamoDbClient eu = TestServer.client(server.endpoint(), "eu-west-1")) {
            eu.putItem(b -> b.tableName("shape").item(Map.of("pk", s("x"), "n", n("1.50"))));
        }
        Record r = StreamReader.readAll(streams, arn).get(0);
        assertEquals("1.1", r.eventVersion());
        assertEquals("aws:dynamodb", r.eventSource());
        assertEquals("eu-west-1", r.awsRegion());
        assertTrue(r.eventID().matches("[0-9a-f]{32}"), r.eventID());
        assertNull(r.userIdentity());
        assertTrue(r.dynamodb().sequenceNumber().matches("\\d{21,}"));
        assertTrue(r.dynamodb().sizeBytes() > 0);
        assertEquals(n("1.5"), r.dynamodb().newImage().get("n"));
        Instant created = r.dynamodb().approximateCreationDateTime();
        assertTrue(!created.isBefore(before) && !created.isAfter(Instant.now().plusSeconds(1)), created.toString());
    }

    @Test
    void writes_that_change_nothing_write_no_record() {
        String arn = table("noops", StreamViewType.NEW_AND_OLD_IMAGES);
        Map<String, AttributeValue> item = Map.of("pk", s("a"), "v", n("1"));
        ddb.putItem(b -> b.tableName("noops").item(item));
        ddb.putItem(b -> b.tableName("noops").item(Map.of("pk", s("a"), "v", n("1.0"))));
        ddb.updateItem(b -> b.tableName("noops").key(Map.of("pk", s("a"))).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n("1"))));
        ddb.deleteItem(b -> b.tableName("noops").key(Map.of("pk", s("missing"))));
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(b -> b.tableName("noops").item(item)
                .conditionExpression("attribute_not_exists(pk)")));
        assertEquals(List.of("INSERT"), StreamReader.readAll(streams, arn).stream().map(Record::eventNameAsString).toList());
    }

    @Test
    void iterator_types() {
        String arn = table("iters", StreamViewType.KEYS_ONLY);
        Map<String, List<Record>> byShard = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            ddb.putItem(b -> b.tableName("iters").item(Map.of("pk", s("same"), "v", n(Integer.toString(n)))));
        }
        String shardId = null;
        for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            List<Record> records = StreamReader.readShard(streams, arn, shard.shardId());
            if (!records.isEmpty()) shardId = shard.shardId();
            byShard.put(shard.shardId(), records);
        }
        assertNotNull(shardId);
        String shard = shardId;
        List<Record> all = byShard.get(shard);
        assertEquals(3, all.size());

        String latest = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        assertTrue(streams.getRecords(b -> b.shardIterator(latest)).records().isEmpty());
        ddb.putItem(b -> b.tableName("iters").item(Map.of("pk", s("same"), "v", n("99"))));
        GetRecordsResponse afterLatest = streams.getRecords(b -> b.shardIterator(latest));
        assertEquals(1, afterLatest.records().size());
        assertTrue(afterLatest.records().get(0).dynamodb().sequenceNumber().compareTo(all.get(2).dynamodb().sequenceNumber()) > 0);

        String second = all.get(1).dynamodb().sequenceNumber();
        String at = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(second)).shardIterator();
        assertEquals(second, streams.getRecords(b -> b.shardIterator(at)).records().get(0).dynamodb().sequenceNumber());
        String after = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(second)).shardIterator();
        assertEquals(all.get(2).dynamodb().sequenceNumber(), streams.getRecords(b -> b.shardIterator(after)).records().get(0).dynamodb().sequenceNumber());

        String trimHorizon = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        GetRecordsResponse limited = streams.getRecords(b -> b.shardIterator(trimHorizon).limit(2));
        assertEquals(2, limited.records().size());
        GetRecordsResponse rest = streams.getRecords(b -> b.shardIterator(limited.nextShardIterator()));
        assertEquals(2, rest.records().size());
    }

    @Test
    void errors_match_aws() {
        String arn = table("errs", StreamViewType.KEYS_ONLY);
        String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class, () -> streams.describeStream(b -> b
                .streamArn("arn:aws:dynamodb:us-east-1:000000000000:table/errs/stream/2000-01-01T00:00:00.000")));
        assertTrue(missing.awsErrorDetails().errorMessage().startsWith("Requested resource not found"));
        assertThrows(ResourceNotFoundException.class, () -> streams.getShardIterator(b -> b.streamArn(arn)
                .shardId("shardId-00000000000000000000-00000000").shardIteratorType(ShardIteratorType.LATEST)));
        DynamoDbException bad = assertThrows(DynamoDbException.class, () -> streams.getRecords(b -> b.shardIterator(arn + "|1|forged")));
        assertEquals("ValidationException", bad.awsErrorDetails().errorCode());
        DynamoDbException limit = assertThrows(DynamoDbException.class, () -> streams.getRecords(b -> b.shardIterator(
                streams.getShardIterator(i -> i.streamArn(arn).shardId(shardId).shardIteratorType(ShardIteratorType.LATEST)).shardIterator())
                .limit(1001)));
        assertEquals("ValidationException", limit.awsErrorDetails().errorCode());
        DynamoDbException noSeq = assertThrows(DynamoDbException.class, () -> streams.getShardIterator(b -> b.streamArn(arn)
                .shardId(shardId).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)));
        assertEquals("ValidationException", noSeq.awsErrorDetails().errorCode());
    }

    @Test
    void list_streams_pages_and_filters_by_table() {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 3; i++) arns.add(table("listed" + i, StreamViewType.KEYS_ONLY));
        List<String> seen = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListStreamsResponse r = streams.listStreams(b -> b.limit(1).exclusiveStartStreamArn(from));
            assertTrue(r.streams().size() <= 1);
            r.streams().forEach(st -> seen.add(st.streamArn()));
            start = r.lastEvaluatedStreamArn();
        } while (start != null);
        assertTrue(seen.containsAll(arns));
        ListStreamsResponse one = streams.listStreams(b -> b.tableName("listed1"));
        assertEquals(1, one.streams().size());
        assertEquals(arns.get(1), one.streams().get(0).streamArn());
        assertEquals("listed1", one.streams().get(0).tableName());
    }

    @Test
    void describe_stream_pages_shards() {
        String arn = table("described", StreamViewType.NEW_IMAGE);
        StreamDescription full = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
        assertEquals(StreamStatus.ENABLED, full.streamStatus());
        assertEquals(StreamViewType.NEW_IMAGE, full.streamViewType());
        assertEquals("described", full.tableName());
        assertEquals("pk", full.keySchema().get(0).attributeName());
        assertNotNull(full.creationRequestDateTime());
        assertEquals(4, full.shards().size());
        for (Shard sh : full.shards()) {
            assertTrue(sh.shardId().startsWith("shardId-"));
            assertNotNull(sh.sequenceNumberRange().startingSequenceNumber());
            assertNull(sh.sequenceNumberRange().endingSequenceNumber());
        }
        List<String> paged = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            StreamDescription d = streams.describeStream(b -> b.streamArn(arn).limit(3).exclusiveStartShardId(from)).streamDescription();
            d.shards().forEach(sh -> paged.add(sh.shardId()));
            start = d.lastEvaluatedShardId();
        } while (start != null);
        assertEquals(full.shards().stream().map(Shard::shardId).toList(), paged);
    }

    @Test
    void disable_then_enable_makes_a_new_stream_and_keeps_the_old_readable() {
        String first = table("toggled", StreamViewType.KEYS_ONLY);
        ddb.putItem(b -> b.tableName("toggled").item(Map.of("pk", s("before"))));
        TableDescription off = ddb.updateTable(b -> b.tableName("toggled").streamSpecification(sp -> sp.streamEnabled(false))).tableDescription();
        assertNull(off.streamSpecification());
        ddb.putItem(b -> b.tableName("toggled").item(Map.of("pk", s("unrecorded"))));
        DynamoDbException again = assertThrows(DynamoDbException.class, () ->
                ddb.updateTable(b -> b.tableName("toggled").streamSpecification(sp -> sp.streamEnabled(false))));
        assertEquals("ValidationException", again.awsErrorDetails().errorCode());

        String second = ddb.updateTable(b -> b.tableName("toggled").streamSpecification(sp -> sp.streamEnabled(true)
                .streamViewType(StreamViewType.NEW_IMAGE))).tableDescription().latestStreamArn();
        assertNotEquals(first, second);
        ddb.putItem(b -> b.tableName("toggled").item(Map.of("pk", s("after"))));

        DynamoDbException enabled = assertThrows(DynamoDbException.class, () -> ddb.updateTable(b -> b.tableName("toggled")
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))));
        assertEquals("Table already has an enabled stream: TableName: toggled", enabled.awsErrorDetails().errorMessage());

        StreamDescription old = streams.describeStream(b -> b.streamArn(first)).streamDescription();
        assertEquals(StreamStatus.DISABLED, old.streamStatus());
        old.shards().forEach(sh -> assertNotNull(sh.sequenceNumberRange().endingSequenceNumber()));
        assertEquals(List.of("before"), StreamReader.readAll(streams, first).stream().map(r -> r.dynamodb().keys().get("pk").s()).toList());
        assertEquals(List.of("after"), StreamReader.readAll(streams, second).stream().map(r -> r.dynamodb().keys().get("pk").s()).toList());
        assertEquals(2, streams.listStreams(b -> b.tableName("toggled")).streams().size());
    }

    @Test
    void deleting_the_table_disables_its_stream_which_stays_readable() {
        String arn = table("dropped", StreamViewType.KEYS_ONLY);
        ddb.putItem(b -> b.tableName("dropped").item(Map.of("pk", s("x"))));
        ddb.deleteTable(b -> b.tableName("dropped"));
        assertEquals(StreamStatus.DISABLED, streams.describeStream(b -> b.streamArn(arn)).streamDescription().streamStatus());
        assertEquals(1, StreamReader.readAll(streams, arn).size());
    }

    @Test
    void get_records_stops_at_one_megabyte() {
        String arn = table("large", StreamViewType.NEW_AND_OLD_IMAGES);
        String big = "x".repeat(300 * 1024);
        for (int i = 0; i < 6; i++) {
            int n = i;
            ddb.putItem(b -> b.tableName("large").item(Map.of("pk", s("same"), "v", s(big + n))));
        }
        Shard shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().stream()
                .filter(sh -> !StreamReader.readShard(streams, arn, sh.shardId()).isEmpty()).findFirst().orElseThrow();
        String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        int total = 0, calls = 0;
        while (total < 6) {
            String current = it;
            GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(current));
            assertTrue(r.records().size() >= 1 && r.records().size() <= 2, "a 1 MB page holds at most two 600 KB records");
            total += r.records().size();
            calls++;
            it = r.nextShardIterator();
        }
        assertTrue(calls >= 3);
    }

    @Test
    void per_item_order_under_eight_concurrent_writers() throws Exception {
        String arn = table("ordered", StreamViewType.NEW_IMAGE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                for (int i = 1; i <= 100; i++) {
                    String item = "item" + (i % 4);
                    ddb.updateItem(b -> b.tableName("ordered").key(Map.of("pk", s(item)))
                            .updateExpression("ADD hits :one SET lastWriter = :w")
                            .expressionAttributeValues(Map.of(":one", n("1"), ":w", n(Integer.toString(writer)))));
                }
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        List<Record> records = StreamReader.readAll(streams, arn);
        assertEquals(800, records.size());
        Map<String, Integer> lastHits = new HashMap<>();
        for (Record r : records) {
            String item = r.dynamodb().keys().get("pk").s();
            int hits = Integer.parseInt(r.dynamodb().newImage().get("hits").n());
            assertEquals(lastHits.getOrDefault(item, 0) + 1, hits, "records of " + item + " in order, none missing");
            lastHits.put(item, hits);
        }
        assertEquals(Map.of("item0", 200, "item1", 200, "item2", 200, "item3", 200), lastHits);
    }
}
