package io.tributary.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The Enhanced Client used the way an application uses it: a bean class, an index query, a transaction. */
class EnhancedClientTest {
    static TestServer server;
    static DynamoDbClient ddb;
    static DynamoDbEnhancedClient enhanced;

    @DynamoDbBean
    public static class Order {
        private String customerId;
        private String orderId;
        private String status;
        private Integer total;

        @DynamoDbPartitionKey
        public String getCustomerId() { return customerId; }
        public void setCustomerId(String v) { customerId = v; }

        @DynamoDbSortKey
        public String getOrderId() { return orderId; }
        public void setOrderId(String v) { orderId = v; }

        @DynamoDbSecondaryPartitionKey(indexNames = "byStatus")
        public String getStatus() { return status; }
        public void setStatus(String v) { status = v; }

        @DynamoDbSecondarySortKey(indexNames = "byStatus")
        public Integer getTotal() { return total; }
        public void setTotal(Integer v) { total = v; }

        static Order of(String customer, String id, String status, int total) {
            Order o = new Order();
            o.setCustomerId(customer);
            o.setOrderId(id);
            o.setStatus(status);
            o.setTotal(total);
            return o;
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ddb = server.client();
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
    }

    @AfterAll
    static void stop() {
        ddb.close();
        server.close();
    }

    @Test
    void bean_crud_index_query_and_transaction() {
        DynamoDbTable<Order> orders = enhanced.table("EnhancedOrders", TableSchema.fromBean(Order.class));
        orders.createTable(CreateTableEnhancedRequest.builder()
                .globalSecondaryIndices(EnhancedGlobalSecondaryIndex.builder().indexName("byStatus")
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .build());

        orders.putItem(Order.of("c1", "o1", "OPEN", 30));
        orders.putItem(Order.of("c1", "o2", "OPEN", 10));
        orders.putItem(Order.of("c2", "o3", "SHIPPED", 20));
        Order loaded = orders.getItem(Key.builder().partitionValue("c1").sortValue("o1").build());
        assertEquals(30, loaded.getTotal());

        Order changed = Order.of("c1", "o1", "OPEN", 35);
        orders.updateItem(changed);
        assertEquals(35, orders.getItem(Key.builder().partitionValue("c1").sortValue("o1").build()).getTotal());

        List<Order> c1 = orders.query(QueryConditional.keyEqualTo(Key.builder().partitionValue("c1").build())).items().stream().toList();
        assertEquals(List.of("o1", "o2"), c1.stream().map(Order::getOrderId).toList());

        DynamoDbIndex<Order> byStatus = orders.index("byStatus");
        List<Order> open = byStatus.query(r -> r.queryConditional(QueryConditional.sortGreaterThan(
                Key.builder().partitionValue("OPEN").sortValue(15).build())))
                .stream().flatMap(p -> p.items().stream()).toList();
        assertEquals(List.of("o1"), open.stream().map(Order::getOrderId).toList());

        enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(orders, Order.of("c3", "o4", "OPEN", 5))
                .addDeleteItem(orders, Key.builder().partitionValue("c2").sortValue("o3").build())
                .addUpdateItem(orders, Order.of("c1", "o2", "SHIPPED", 10))
                .build());
        assertNull(orders.getItem(Key.builder().partitionValue("c2").sortValue("o3").build()));
        assertEquals("SHIPPED", orders.getItem(Key.builder().partitionValue("c1").sortValue("o2").build()).getStatus());

        Expression mustNotExist = Expression.builder().expression("attribute_not_exists(customerId)").build();
        assertThrows(TransactionCanceledException.class, () -> enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(orders, software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest.builder(Order.class)
                        .item(Order.of("c1", "o1", "OPEN", 1)).conditionExpression(mustNotExist).build())
                .addPutItem(orders, Order.of("c9", "o9", "OPEN", 9))
                .build()));
        assertNull(orders.getItem(Key.builder().partitionValue("c9").sortValue("o9").build()), "a cancelled transaction writes nothing");

        assertEquals(3, orders.scan().items().stream().count());
        Map<String, AttributeValue> raw = ddb.getItem(b -> b.tableName("EnhancedOrders")
                .key(Map.of("customerId", AttributeValue.fromS("c3"), "orderId", AttributeValue.fromS("o4")))).item();
        assertEquals("5", raw.get("total").n());
    }
}
