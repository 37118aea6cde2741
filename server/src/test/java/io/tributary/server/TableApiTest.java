package io.tributary.server;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TableApiTest extends ServerTest {

    static CreateTableResponse createHashTable(String name) {
        return ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    @Test
    void create_table_hash_and_range_describes_everything() {
        Instant before = Instant.now().minusSeconds(1);
        ddb.createTable(b -> b.tableName("orders")
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("customer").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("orderNo").attributeType(ScalarAttributeType.N).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("customer").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("orderNo").keyType(KeyType.RANGE).build())
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L)));
        TableDescription t = ddb.describeTable(b -> b.tableName("orders")).table();
        assertEquals("orders", t.tableName());
        assertEquals(TableStatus.ACTIVE, t.tableStatus());
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/orders", t.tableArn());
        assertNotNull(t.tableId());
        assertEquals(2, t.keySchema().size());
        assertEquals(KeyType.HASH, t.keySchema().get(0).keyType());
        assertEquals("orderNo", t.keySchema().get(1).attributeName());
        assertEquals(ScalarAttributeType.N, t.attributeDefinitions().get(1).attributeType());
        assertEquals(5L, t.provisionedThroughput().readCapacityUnits());
        assertEquals(7L, t.provisionedThroughput().writeCapacityUnits());
        assertEquals(BillingMode.PROVISIONED, t.billingModeSummary().billingMode());
        assertEquals(0L, t.itemCount());
        assertEquals(0L, t.tableSizeBytes());
        assertTrue(t.creationDateTime().isAfter(before));
        assertTrue(t.creationDateTime().isBefore(Instant.now().plusSeconds(1)));
    }

    @Test
    void item_count_and_size_follow_writes() {
        createHashTable("counted");
        ddb.putItem(b -> b.tableName("counted").item(Map.of("pk", s("a"), "v", s("12345"))));
        ddb.putItem(b -> b.tableName("counted").item(Map.of("pk", s("b"))));
        ddb.putItem(b -> b.tableName("counted").item(Map.of("pk", s("b"), "x", s("y"))));
        TableDescription t = ddb.describeTable(b -> b.tableName("counted")).table();
        assertEquals(2L, t.itemCount());
        // names and values in UTF-8 bytes: pk+a, v+12345; pk+b, x+y
        assertEquals((2 + 1 + 1 + 5) + (2 + 1 + 1 + 1), t.tableSizeBytes());
        ddb.deleteItem(b -> b.tableName("counted").key(Map.of("pk", s("a"))));
        assertEquals(1L, ddb.describeTable(b -> b.tableName("counted")).table().itemCount());
    }

    @Test
    void item_count_and_size_follow_batches_and_transactions_over_two_tables() {
        createHashTable("countedA");
        createHashTable("countedB");
        ddb.putItem(b -> b.tableName("countedA").item(Map.of("pk", s("old"), "v", s("1234567890"))));
        ddb.putItem(b -> b.tableName("countedA").item(Map.of("pk", s("gone"))));
        // one call: a new item, an overwrite that shrinks, a delete, and a new item in the other table
        ddb.batchWriteItem(b -> b.requestItems(Map.of(
                "countedA", List.of(
                        WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("new"), "v", s("abc")))).build(),
                        WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("old"), "v", s("x")))).build(),
                        WriteRequest.builder().deleteRequest(d -> d.key(Map.of("pk", s("gone")))).build()),
                "countedB", List.of(
                        WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("b1"), "w", s("12")))).build()))));
        TableDescription a = ddb.describeTable(b -> b.tableName("countedA")).table();
        assertEquals(2L, a.itemCount());
        assertEquals((2 + 3 + 1 + 3) + (2 + 3 + 1 + 1), a.tableSizeBytes());  // pk+new, v+abc; pk+old, v+x
        TableDescription b1 = ddb.describeTable(b -> b.tableName("countedB")).table();
        assertEquals(1L, b1.itemCount());
        assertEquals(2 + 2 + 1 + 2, b1.tableSizeBytes());

        ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName("countedA").key(Map.of("pk", s("new")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("countedA").item(Map.of("pk", s("t1")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("countedB").item(Map.of("pk", s("t2")))).build()));
        a = ddb.describeTable(b -> b.tableName("countedA")).table();
        assertEquals(2L, a.itemCount());
        assertEquals((2 + 3 + 1 + 1) + (2 + 2), a.tableSizeBytes());
        b1 = ddb.describeTable(b -> b.tableName("countedB")).table();
        assertEquals(2L, b1.itemCount());
        assertEquals((2 + 2 + 1 + 2) + (2 + 2), b1.tableSizeBytes());
    }

    @Test
    void creating_an_existing_table_is_resource_in_use() {
        createHashTable("dupe");
        ResourceInUseException e = assertThrows(ResourceInUseException.class, () -> createHashTable("dupe"));
        assertEquals("Table already exists: dupe", e.awsErrorDetails().errorMessage());
    }

    @Test
    void describing_a_missing_table_is_resource_not_found() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> ddb.describeTable(b -> b.tableName("nothere")));
        assertEquals("Requested resource not found: Table: nothere not found", e.awsErrorDetails().errorMessage());
    }

    @Test
    void table_name_constraints_are_reported_like_aws() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> createHashTable("ab"));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 3", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> createHashTable("a b"));
        assertTrue(e.awsErrorDetails().errorMessage().contains("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"));
    }

    @Test
    void key_schema_must_match_attribute_definitions() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.createTable(b -> b.tableName("badkeys")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("other").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith(
                "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions"));

        e = assertThrows(DynamoDbException.class, () -> ddb.createTable(b -> b.tableName("extradefs")
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("extra").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertEquals("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match "
                + "number of attributes defined in AttributeDefinitions", e.awsErrorDetails().errorMessage());

        e = assertThrows(DynamoDbException.class, () -> ddb.createTable(b -> b.tableName("rangefirst")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertEquals("Invalid KeySchema: The first KeySchemaElement is not a HASH key type", e.awsErrorDetails().errorMessage());
    }

    @Test
    void billing_mode_and_throughput_must_agree() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.createTable(b -> b.tableName("nothroughput")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())));
        assertEquals("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be "
                + "specified when BillingMode is PROVISIONED", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.createTable(b -> b.tableName("both")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("when BillingMode is PAY_PER_REQUEST"));
    }

    @Test
    void list_tables_pages_with_limit_and_exclusive_start() {
        List<String> names = List.of("page_a", "page_b", "page_c", "page_d", "page_e");
        names.forEach(TableApiTest::createHashTable);
        List<String> seen = new ArrayList<>();
        String start = "page_";
        while (true) {
            String from = start;
            ListTablesResponse r = ddb.listTables(b -> b.limit(2).exclusiveStartTableName(from));
            assertTrue(r.tableNames().size() <= 2);
            r.tableNames().stream().filter(n -> n.startsWith("page_")).forEach(seen::add);
            if (r.lastEvaluatedTableName() == null || !r.lastEvaluatedTableName().startsWith("page_")) break;
            assertEquals(r.tableNames().get(r.tableNames().size() - 1), r.lastEvaluatedTableName());
            start = r.lastEvaluatedTableName();
        }
        assertEquals(names, seen);
        List<String> all = ddb.listTablesPaginator(b -> b.limit(3)).tableNames().stream().toList();
        assertTrue(all.containsAll(names));
        assertEquals(all.stream().sorted().toList(), all);
    }

    @Test
    void delete_table_removes_it_and_its_items() {
        createHashTable("doomed");
        ddb.putItem(b -> b.tableName("doomed").item(Map.of("pk", s("x"))));
        DeleteTableResponse r = ddb.deleteTable(b -> b.tableName("doomed"));
        assertEquals(TableStatus.DELETING, r.tableDescription().tableStatus());
        assertThrows(ResourceNotFoundException.class, () -> ddb.describeTable(b -> b.tableName("doomed")));
        assertThrows(ResourceNotFoundException.class, () -> ddb.deleteTable(b -> b.tableName("doomed")));
        createHashTable("doomed");
        assertFalse(ddb.getItem(b -> b.tableName("doomed").key(Map.of("pk", s("x")))).hasItem());
        assertEquals(0L, ddb.describeTable(b -> b.tableName("doomed")).table().itemCount());
    }

    @Test
    void waiters_see_tables_appear_and_disappear() {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(ddb)
                .overrideConfiguration(o -> o.maxAttempts(5).backoffStrategy(a -> Duration.ofMillis(50))).build()) {
            createHashTable("waited");
            assertTrue(waiter.waitUntilTableExists(b -> b.tableName("waited")).matched().response().isPresent());
            ddb.deleteTable(b -> b.tableName("waited"));
            assertTrue(waiter.waitUntilTableNotExists(b -> b.tableName("waited")).matched().exception().isPresent());
        }
    }

    @Test
    void update_table_changes_billing_throughput_and_stream() {
        createHashTable("changing");
        TableDescription t = ddb.updateTable(b -> b.tableName("changing").billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(4L))).tableDescription();
        assertEquals(BillingMode.PROVISIONED, t.billingModeSummary().billingMode());
        assertEquals(3L, t.provisionedThroughput().readCapacityUnits());

        t = ddb.updateTable(b -> b.tableName("changing").streamSpecification(s -> s.streamEnabled(true)
                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))).tableDescription();
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, t.streamSpecification().streamViewType());
        assertNotNull(t.latestStreamLabel());
        assertEquals(t.tableArn() + "/stream/" + t.latestStreamLabel(), t.latestStreamArn());

        TableDescription described = ddb.describeTable(b -> b.tableName("changing")).table();
        assertEquals(t.latestStreamArn(), described.latestStreamArn());
        assertTrue(described.streamSpecification().streamEnabled());

        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.updateTable(b -> b.tableName("changing")));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void stream_specification_is_stored_at_create_table() {
        ddb.createTable(b -> b.tableName("streamed")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
        TableDescription t = ddb.describeTable(b -> b.tableName("streamed")).table();
        assertEquals(StreamViewType.KEYS_ONLY, t.streamSpecification().streamViewType());
        assertTrue(t.latestStreamArn().startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/streamed/stream/"));
    }

    @Test
    void stream_specification_mistakes_get_aws_texts() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.createTable(b -> b.tableName("badstream")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(false).streamViewType(StreamViewType.KEYS_ONLY))));
        assertEquals("One or more parameter values were invalid: Table is being created with a stream disabled, "
                + "UpdateViewType should not be specified", e.awsErrorDetails().errorMessage());

        createHashTable("nostream");
        e = assertThrows(DynamoDbException.class, () -> ddb.updateTable(b -> b.tableName("nostream")
                .streamSpecification(s -> s.streamEnabled(false))));
        assertEquals("Table has no stream to disable: TableName: nostream", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.updateTable(b -> b.tableName("nostream")
                .streamSpecification(s -> s.streamEnabled(true))));
        assertEquals("If stream is being enabled then UpdateViewType is required", e.awsErrorDetails().errorMessage());
    }

    @Test
    void arns_name_the_region_the_client_signed_for() {
        try (DynamoDbClient euClient = TestServer.client(server.endpoint(), "eu-west-1")) {
            createHashTable("regional");
            assertEquals("arn:aws:dynamodb:eu-west-1:000000000000:table/regional",
                    euClient.describeTable(b -> b.tableName("regional")).table().tableArn());
        }
    }
}
