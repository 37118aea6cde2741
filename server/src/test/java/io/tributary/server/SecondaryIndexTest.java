package io.tributary.server;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SecondaryIndexTest extends ServerTest {

    static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static void createOrders() {
        ddb.createTable(b -> b.tableName("orders")
                .attributeDefinitions(def("customer", ScalarAttributeType.S), def("orderId", ScalarAttributeType.S),
                        def("status", ScalarAttributeType.S), def("total", ScalarAttributeType.N), def("placed", ScalarAttributeType.N))
                .keySchema(key("customer", KeyType.HASH), key("orderId", KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName("byStatus").keySchema(key("status", KeyType.HASH), key("total", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build(),
                        GlobalSecondaryIndex.builder().indexName("byStatusAll").keySchema(key("status", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("note")).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byPlaced")
                        .keySchema(key("customer", KeyType.HASH), key("placed", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
    }

    static void putOrder(String customer, String id, String status, String total, String placed) {
        java.util.HashMap<String, AttributeValue> item = new java.util.HashMap<>(Map.of("customer", s(customer), "orderId", s(id),
                "placed", n(placed), "note", s("note " + id), "other", s("x")));
        if (status != null) item.put("status", s(status));
        if (total != null) item.put("total", n(total));
        ddb.putItem(b -> b.tableName("orders").item(item));
    }

    @Test
    void global_and_local_indexes_follow_every_write() {
        createOrders();
        putOrder("alice", "o1", "OPEN", "30", "3");
        putOrder("alice", "o2", "OPEN", "10", "1");
        putOrder("bob", "o3", "OPEN", "20", "2");
        putOrder("bob", "o4", "SHIPPED", "5", "4");
        putOrder("carol", "o5", null, null, "5"); // no index key: left out of both global indexes

        QueryResponse open = ddb.query(b -> b.tableName("orders").indexName("byStatus").keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("OPEN"))));
        assertEquals(List.of("o2", "o3", "o1"), open.items().stream().map(i -> i.get("orderId").s()).toList(), "sorted by total");
        assertEquals(Map.of("customer", s("alice"), "orderId", s("o2"), "status", s("OPEN"), "total", n("10")), open.items().get(0),
                "KEYS_ONLY projects the table and index keys");
        assertEquals(Map.of("customer", s("alice"), "orderId", s("o2"), "status", s("OPEN"), "total", n("10")),
                open.items().get(0));

        QueryResponse included = ddb.query(b -> b.tableName("orders").indexName("byStatusAll").keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("SHIPPED"))));
        assertEquals(Map.of("customer", s("bob"), "orderId", s("o4"), "status", s("SHIPPED"), "note", s("note o4")), included.items().get(0));

        // an update moves the item within the index; a delete removes it
        ddb.updateItem(b -> b.tableName("orders").key(Map.of("customer", s("alice"), "orderId", s("o1")))
                .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("SHIPPED"))));
        ddb.deleteItem(b -> b.tableName("orders").key(Map.of("customer", s("bob"), "orderId", s("o3"))));
        open = ddb.query(b -> b.tableName("orders").indexName("byStatus").keyConditionExpression("#s = :s AND #t < :t")
                .expressionAttributeNames(Map.of("#s", "status", "#t", "total")).expressionAttributeValues(Map.of(":s", s("OPEN"), ":t", n("100"))));
        assertEquals(List.of("o2"), open.items().stream().map(i -> i.get("orderId").s()).toList());

        // a local index sorts one partition by another attribute, and can fetch what it does not project
        QueryResponse byPlaced = ddb.query(b -> b.tableName("orders").indexName("byPlaced").keyConditionExpression("customer = :c")
                .scanIndexForward(false).select(Select.ALL_ATTRIBUTES).expressionAttributeValues(Map.of(":c", s("alice"))));
        assertEquals(List.of("o1", "o2"), byPlaced.items().stream().map(i -> i.get("orderId").s()).toList());
        assertEquals(s("x"), byPlaced.items().get(0).get("other"));

        ScanResponse scan = ddb.scan(b -> b.tableName("orders").indexName("byStatus"));
        assertEquals(3, scan.count());

        TableDescription t = ddb.describeTable(b -> b.tableName("orders")).table();
        GlobalSecondaryIndexDescription g = t.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals("byStatus")).findFirst().orElseThrow();
        assertEquals(IndexStatus.ACTIVE, g.indexStatus());
        assertEquals(3L, g.itemCount());
        assertTrue(g.indexSizeBytes() > 0);
        assertEquals(t.tableArn() + "/index/byStatus", g.indexArn());
        assertEquals(ProjectionType.KEYS_ONLY, g.projection().projectionType());
        assertEquals(4L, t.localSecondaryIndexes().get(0).itemCount());

        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.query(b -> b.tableName("orders").indexName("byStatus")
                .consistentRead(true).keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("OPEN")))));
        assertEquals("Consistent reads are not supported on global secondary indexes", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.putItem(b -> b.tableName("orders")
                .item(Map.of("customer", s("z"), "orderId", s("z"), "placed", n("1"), "status", n("5")))));
        assertEquals("One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void a_global_index_added_to_a_ten_thousand_item_table_is_backfilled() throws Exception {
        ddb.createTable(b -> b.tableName("large")
                .attributeDefinitions(def("id", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Map<String, AttributeValue> item = i % 10 == 0
                    ? Map.of("id", s("item" + i))
                    : Map.of("id", s("item" + i), "group", s("g" + (i % 7)), "rank", n(Integer.toString(i)));
            batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            if (batch.size() == 25) {
                List<WriteRequest> chunk = List.copyOf(batch);
                ddb.batchWriteItem(b -> b.requestItems(Map.of("large", chunk)));
                batch.clear();
            }
        }
        TableDescription updated = ddb.updateTable(b -> b.tableName("large")
                .attributeDefinitions(def("group", ScalarAttributeType.S), def("rank", ScalarAttributeType.N))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byGroup")
                        .keySchema(key("group", KeyType.HASH), key("rank", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))).build())).tableDescription();
        assertEquals(1, updated.globalSecondaryIndexes().size());

        IndexStatus status;
        long deadline = System.currentTimeMillis() + 60_000;
        do {
            Thread.sleep(50);
            status = ddb.describeTable(b -> b.tableName("large")).table().globalSecondaryIndexes().get(0).indexStatus();
        } while (status != IndexStatus.ACTIVE && System.currentTimeMillis() < deadline);
        assertEquals(IndexStatus.ACTIVE, status);
        assertEquals(9_000L, ddb.describeTable(b -> b.tableName("large")).table().globalSecondaryIndexes().get(0).itemCount());

        int total = 0;
        for (int g = 0; g < 7; g++) {
            String group = "g" + g;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse r = ddb.query(b -> b.tableName("large").indexName("byGroup").keyConditionExpression("#g = :g")
                        .exclusiveStartKey(from).expressionAttributeNames(Map.of("#g", "group"))
                        .expressionAttributeValues(Map.of(":g", s(group))));
                total += r.count();
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
        }
        assertEquals(9_000, total);

        ddb.updateTable(b -> b.tableName("large").globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                .delete(d -> d.indexName("byGroup")).build()));
        assertFalse(ddb.describeTable(b -> b.tableName("large")).table().hasGlobalSecondaryIndexes()
                && !ddb.describeTable(b -> b.tableName("large")).table().globalSecondaryIndexes().isEmpty());
    }

    @Test
    void index_declaration_mistakes_are_rejected() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.createTable(b -> b.tableName("badIndex")
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("x", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("lsi1").keySchema(key("pk", KeyType.HASH), key("x", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())));
        assertEquals("One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when "
                + "specifying a LocalSecondaryIndex", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.createTable(b -> b.tableName("badIndex")
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("x", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi1").keySchema(key("x", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE)).build())));
        assertEquals("One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified",
                e.awsErrorDetails().errorMessage());
    }
}
