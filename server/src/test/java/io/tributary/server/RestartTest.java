package io.tributary.server;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Tables and items survive a restart on the same data directory. */
class RestartTest {
    @Test
    void stream_sequence_numbers_keep_increasing_across_restarts() {
        try (TestServer server = TestServer.start()) {
            String arn;
            try (DynamoDbClient ddb = server.client()) {
                arn = ddb.createTable(b -> b.tableName("sequenced")
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))).tableDescription().latestStreamArn();
                ddb.putItem(b -> b.tableName("sequenced").item(Map.of("id", AttributeValue.builder().s("before").build())));
            }
            server.restart();
            try (DynamoDbClient ddb = server.client(); var streams = server.streamsClient()) {
                ddb.putItem(b -> b.tableName("sequenced").item(Map.of("id", AttributeValue.builder().s("after").build())));
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
}
