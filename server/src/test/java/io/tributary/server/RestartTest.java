package io.tributary.server;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Tables and items survive a restart on the same data directory. */
class RestartTest {
    @Test
    void stream_sequence_numbers_keep_increasing_across_restarts() {
        try (TestServer server = TestServer.start()) {
            String arn;
            try (DynamoDbClient ddb = server.client()) {
                arn = TestServer.createStreamTable(ddb, "sequenced", "id", StreamViewType.KEYS_ONLY);
                putId(ddb, "sequenced", "before");
            }
            server.restart();
            try (DynamoDbClient ddb = server.client(); var streams = server.streamsClient()) {
                putId(ddb, "sequenced", "after");
                var records = StreamReader.readAll(streams, arn);
                assertEquals(2, records.size());
                assertEquals("before", records.get(0).dynamodb().keys().get("id").s());
                assertEquals("after", records.get(1).dynamodb().keys().get("id").s());
                assertTrue(new java.math.BigInteger(records.get(1).dynamodb().sequenceNumber())
                        .compareTo(new java.math.BigInteger(records.get(0).dynamodb().sequenceNumber())) > 0);
            }
        }
    }

    @Test
    void records_written_before_a_restart_are_read_after_it_with_no_write_since() {
        try (TestServer server = TestServer.start()) {
            String arn;
            try (DynamoDbClient ddb = server.client()) {
                arn = TestServer.createStreamTable(ddb, "quiet", "id", StreamViewType.NEW_IMAGE);
                for (int i = 0; i < 20; i++) putId(ddb, "quiet", "item" + i);
            }
            server.restart();
            try (var streams = server.streamsClient()) {
                assertEquals(20, StreamReader.readAll(streams, arn).size(), "every shard still reads from its start");
            }
            try (DynamoDbClient ddb = server.client(); var streams = server.streamsClient()) {
                putId(ddb, "quiet", "after");
                assertEquals(21, StreamReader.readAll(streams, arn).size());
            }
        }
    }

    @Test
    void a_restart_keeps_every_table_and_item() {
        try (TestServer server = TestServer.start()) {
            try (DynamoDbClient ddb = server.client()) {
                ddb.createTable(b -> b.tableName("durable")
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.N).build())
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
                for (int i = 0; i < 500; i++) {
                    int id = i;
                    ddb.putItem(b -> b.tableName("durable").item(Map.of("id", AttributeValue.builder().n(Integer.toString(id)).build(),
                            "payload", AttributeValue.builder().s("value-" + id).build())));
                }
                ddb.deleteItem(b -> b.tableName("durable").key(Map.of("id", AttributeValue.builder().n("7").build())));
            }
            server.restart();
            try (DynamoDbClient ddb = server.client()) {
                TableDescription t = ddb.describeTable(b -> b.tableName("durable")).table();
                assertEquals(499L, t.itemCount());
                assertEquals(StreamViewType.NEW_IMAGE, t.streamSpecification().streamViewType());
                for (int i = 0; i < 500; i++) {
                    int id = i;
                    GetItemResponse r = ddb.getItem(b -> b.tableName("durable").key(Map.of("id", AttributeValue.builder().n(Integer.toString(id)).build())));
                    if (id == 7) assertFalse(r.hasItem());
                    else assertEquals("value-" + id, r.item().get("payload").s());
                }
                // New tables after a restart get fresh ids: nothing of the old table leaks into them.
                ddb.deleteTable(b -> b.tableName("durable"));
                ddb.createTable(b -> b.tableName("durable")
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.N).build())
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                assertFalse(ddb.getItem(b -> b.tableName("durable").key(Map.of("id", AttributeValue.builder().n("1").build()))).hasItem());
            }
        }
    }

    @Test
    void an_index_backfill_cut_short_by_a_stop_finishes_after_the_restart() throws Exception {
        try (TestServer server = TestServer.start()) {
            try (DynamoDbClient ddb = server.client()) {
                ddb.createTable(b -> b.tableName("backfilled")
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                List<WriteRequest> batch = new java.util.ArrayList<>();
                for (int i = 0; i < 5000; i++) {
                    Map<String, AttributeValue> item = Map.of("id", AttributeValue.builder().s("i" + i).build(),
                            "group", AttributeValue.builder().s("g" + (i % 3)).build());
                    batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                    if (batch.size() == 25) {
                        List<WriteRequest> chunk = List.copyOf(batch);
                        ddb.batchWriteItem(b -> b.requestItems(Map.of("backfilled", chunk)));
                        batch.clear();
                    }
                }
                ddb.updateTable(b -> b.tableName("backfilled")
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("group").attributeType(ScalarAttributeType.S).build())
                        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byGroup")
                                .keySchema(KeySchemaElement.builder().attributeName("group").keyType(KeyType.HASH).build())
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))).build()));
            }
            server.restart(); // most likely in the middle of the backfill
            try (DynamoDbClient ddb = server.client()) {
                long deadline = System.currentTimeMillis() + 60_000;
                GlobalSecondaryIndexDescription index;
                do {
                    Thread.sleep(50);
                    index = ddb.describeTable(b -> b.tableName("backfilled")).table().globalSecondaryIndexes().get(0);
                } while (index.indexStatus() != IndexStatus.ACTIVE && System.currentTimeMillis() < deadline);
                assertEquals(IndexStatus.ACTIVE, index.indexStatus());
                assertEquals(5000L, index.itemCount(), "every item indexed exactly once");
                assertEquals(1667, ddb.query(b -> b.tableName("backfilled").indexName("byGroup").keyConditionExpression("#g = :g")
                        .expressionAttributeNames(Map.of("#g", "group"))
                        .expressionAttributeValues(Map.of(":g", AttributeValue.builder().s("g0").build()))).count());
            }
        }
    }

    /** Puts an item that is nothing but its string key {@code id}. */
    private static void putId(DynamoDbClient ddb, String table, String id) {
        ddb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.builder().s(id).build())));
    }
}
