package io.tributary.server;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class BatchTransactTest extends ServerTest {

    static String table(String name) {
        return ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    static WriteRequest put(String id, String value) {
        return WriteRequest.builder().putRequest(p -> p.item(Map.of("id", s(id), "v", s(value)))).build();
    }

    static WriteRequest delete(String id) {
        return WriteRequest.builder().deleteRequest(d -> d.key(Map.of("id", s(id)))).build();
    }

    @Test
    void batch_write_and_get_across_tables_with_stream_records() {
        String arnA = table("batchA");
        table("batchB");
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) writes.add(put("a" + i, "x"));
        BatchWriteItemResponse w = ddb.batchWriteItem(b -> b.requestItems(Map.of("batchA", writes, "batchB", List.of(put("b1", "y"))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertTrue(w.unprocessedItems().isEmpty());
        assertEquals(2, w.consumedCapacity().size());
        ddb.batchWriteItem(b -> b.requestItems(Map.of("batchA", List.of(delete("a0"), put("a1", "changed")))));

        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) keys.add(Map.of("id", s("a" + i)));
        BatchGetItemResponse g = ddb.batchGetItem(b -> b.requestItems(Map.of(
                "batchA", KeysAndAttributes.builder().keys(keys).projectionExpression("id, v").build(),
                "batchB", KeysAndAttributes.builder().keys(List.of(Map.of("id", s("b1")))).consistentRead(true).build())));
        assertEquals(2, g.responses().get("batchA").size(), "a0 was deleted");
        assertTrue(g.responses().get("batchA").contains(Map.of("id", s("a1"), "v", s("changed"))));
        assertEquals(List.of(Map.of("id", s("b1"), "v", s("y"))), g.responses().get("batchB"));
        assertTrue(g.unprocessedKeys().isEmpty());

        List<software.amazon.awssdk.services.dynamodb.model.Record> records = StreamReader.readAll(streams, arnA);
        assertEquals(22, records.size());
        assertEquals(20, records.stream().filter(r -> r.eventName() == OperationType.INSERT).count());
        assertEquals(1, records.stream().filter(r -> r.eventName() == OperationType.MODIFY).count());
        assertEquals(1, records.stream().filter(r -> r.eventName() == OperationType.REMOVE).count());
    }

    @Test
    void batch_limits_and_duplicates_are_rejected() {
        table("batchLimits");
        table("batchLimits2");
        List<WriteRequest> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) many.add(put("k" + i, "x"));
        String perTable = validation(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("batchLimits", many))));
        assertTrue(perTable.startsWith("1 validation error detected: Value '{batchLimits=[com.amazonaws.dynamodb.v20120810.WriteRequest@"), perTable);
        assertTrue(perTable.endsWith("]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                + "[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]"), perTable);
        assertEquals("Too many items requested for the BatchWriteItem call",
                validation(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("batchLimits", many.subList(0, 13), "batchLimits2", many.subList(13, 26))))));
        assertEquals("Provided list of item keys contains duplicates",
                validation(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("batchLimits", List.of(put("d", "1"), delete("d")))))));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) keys.add(Map.of("id", s("k" + i)));
        assertEquals("Too many items requested for the BatchGetItem call", validation(() -> ddb.batchGetItem(b -> b.requestItems(
                Map.of("batchLimits", KeysAndAttributes.builder().keys(keys).build())))));
        assertEquals("Provided list of item keys contains duplicates", validation(() -> ddb.batchGetItem(b -> b.requestItems(
                Map.of("batchLimits", KeysAndAttributes.builder().keys(Map.of("id", s("x")), Map.of("id", s("x"))).build())))));
        assertThrows(ResourceNotFoundException.class, () -> ddb.batchWriteItem(b -> b.requestItems(Map.of("nosuch", List.of(put("a", "b"))))));
        assertEquals(0, ddb.scan(b -> b.tableName("batchLimits")).count(), "a rejected batch writes nothing");
    }

    @Test
    void transaction_commits_every_action_with_stream_records() {
        String arn = table("txOk");
        ddb.putItem(b -> b.tableName("txOk").item(Map.of("id", s("acct1"), "balance", n("100"))));
        ddb.putItem(b -> b.tableName("txOk").item(Map.of("id", s("acct2"), "balance", n("0"))));
        ddb.putItem(b -> b.tableName("txOk").item(Map.of("id", s("gone"), "balance", n("0"))));
        ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName("txOk").key(Map.of("id", s("acct1")))
                        .updateExpression("SET balance = balance - :amt").conditionExpression("balance >= :amt")
                        .expressionAttributeValues(Map.of(":amt", n("30")))).build(),
                TransactWriteItem.builder().update(u -> u.tableName("txOk").key(Map.of("id", s("acct2")))
                        .updateExpression("SET balance = balance + :amt").expressionAttributeValues(Map.of(":amt", n("30")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("txOk").item(Map.of("id", s("log1"), "amount", n("30")))
                        .conditionExpression("attribute_not_exists(id)")).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("txOk").key(Map.of("id", s("gone")))).build()));
        TransactGetItemsResponse got = ddb.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("txOk").key(Map.of("id", s("acct1")))).build(),
                TransactGetItem.builder().get(g -> g.tableName("txOk").key(Map.of("id", s("acct2"))).projectionExpression("balance")).build(),
                TransactGetItem.builder().get(g -> g.tableName("txOk").key(Map.of("id", s("gone")))).build()));
        assertEquals(Map.of("id", s("acct1"), "balance", n("70")), got.responses().get(0).item());
        assertEquals(Map.of("balance", n("30")), got.responses().get(1).item());
        assertFalse(got.responses().get(2).hasItem() && !got.responses().get(2).item().isEmpty());
        assertFalse(got.hasConsumedCapacity(), "no ConsumedCapacity unless asked for");
        assertEquals(3 + 4, StreamReader.readAll(streams, arn).size());

        // transactional reads cost two units a started 4 KB, a missing item too
        ddb.putItem(b -> b.tableName("txOk").item(Map.of("id", s("big"), "blob", s("x".repeat(5000)))));
        TransactGetItemsResponse charged = ddb.transactGetItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(
                TransactGetItem.builder().get(g -> g.tableName("txOk").key(Map.of("id", s("acct1")))).build(),
                TransactGetItem.builder().get(g -> g.tableName("txOk").key(Map.of("id", s("big")))).build(),
                TransactGetItem.builder().get(g -> g.tableName("txOk").key(Map.of("id", s("gone")))).build()));
        assertEquals(1, charged.consumedCapacity().size());
        assertEquals("txOk", charged.consumedCapacity().get(0).tableName());
        assertEquals(2.0 + 4.0 + 2.0, charged.consumedCapacity().get(0).capacityUnits());
    }

    @Test
    void cancelled_transaction_writes_nothing_and_no_stream_records() {
        String arn = table("txCancel");
        ddb.putItem(b -> b.tableName("txCancel").item(Map.of("id", s("acct"), "balance", n("10"))));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("txCancel").item(Map.of("id", s("new"), "v", n("1")))).build(),
                TransactWriteItem.builder().conditionCheck(cc -> cc.tableName("txCancel").key(Map.of("id", s("acct")))
                        .conditionExpression("balance > :min").expressionAttributeValues(Map.of(":min", n("50")))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));
        assertEquals(2, e.cancellationReasons().size());
        assertEquals("None", e.cancellationReasons().get(0).code());
        assertEquals("ConditionalCheckFailed", e.cancellationReasons().get(1).code());
        assertEquals(n("10"), e.cancellationReasons().get(1).item().get("balance"));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]"));
        assertFalse(ddb.getItem(b -> b.tableName("txCancel").key(Map.of("id", s("new")))).hasItem());
        assertEquals(1, StreamReader.readAll(streams, arn).size(), "only the setup put is in the stream");

        assertEquals("Transaction request cannot include multiple operations on one item", validation(() -> ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("txCancel").item(Map.of("id", s("acct")))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("txCancel").key(Map.of("id", s("acct")))).build()))));
    }

    @Test
    void client_request_token_makes_a_transaction_idempotent() {
        String arn = table("txToken");
        ddb.putItem(b -> b.tableName("txToken").item(Map.of("id", s("c"), "n", n("0"))));
        TransactWriteItem inc = TransactWriteItem.builder().update(u -> u.tableName("txToken").key(Map.of("id", s("c")))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", n("1")))).build();
        for (int i = 0; i < 3; i++) ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(inc));
        assertEquals(n("1"), ddb.getItem(b -> b.tableName("txToken").key(Map.of("id", s("c")))).item().get("n"));
        TransactWriteItem other = TransactWriteItem.builder().update(u -> u.tableName("txToken").key(Map.of("id", s("c")))
                .updateExpression("ADD n :two").expressionAttributeValues(Map.of(":two", n("2")))).build();
        assertThrows(IdempotentParameterMismatchException.class,
                () -> ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(other)));
        ddb.transactWriteItems(b -> b.clientRequestToken("token-2").transactItems(inc));
        assertEquals(n("2"), ddb.getItem(b -> b.tableName("txToken").key(Map.of("id", s("c")))).item().get("n"));
        assertEquals(3, StreamReader.readAll(streams, arn).size());
    }

    static String validation(Runnable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }
}
