package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Request shapes a hostile or careless client sends, each answered with AWS's validation error and never a
 * 500: values nested past DynamoDB's 32 levels by any route (PartiQL, updates, parameters), empty attribute
 * names by any route, transactions over 4 MB, text after the JSON body. Nothing of a refused request is stored.
 */
class HostileRequestsTest extends ServerTest {
    static final String TOO_DEEP = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";

    @BeforeAll
    static void tables() {
        table("hostile");
    }

    static String partiqlList(int depth) {
        return "[".repeat(depth) + "'x'" + "]".repeat(depth);
    }

    static AttributeValue nested(int levels) {
        AttributeValue v = s("x");
        for (int i = 0; i < levels; i++) v = l(v);
        return v;
    }

    boolean stored(String pk) {
        return ddb.getItem(b -> b.tableName("hostile").key(item("pk", s(pk)))).hasItem();
    }

    @Test
    void partiql_values_nested_past_32_levels_are_refused_at_any_depth() {
        for (int depth : new int[] {33, 40, 2_000, 100_000}) {
            String pk = "deep" + depth;
            assertAwsError("ValidationException", TOO_DEEP, () -> ddb.executeStatement(b -> b.statement(
                    "INSERT INTO hostile VALUE {'pk':'" + pk + "','v':" + partiqlList(depth) + "}")));
            assertFalse(stored(pk));
        }
        ddb.executeStatement(b -> b.statement("INSERT INTO hostile VALUE {'pk':'deep31','v':" + partiqlList(31) + "}"));
        assertTrue(stored("deep31"));
        assertAwsError("ValidationException", TOO_DEEP, () -> ddb.executeStatement(b -> b.statement(
                "UPDATE hostile SET v = " + partiqlList(40) + " WHERE pk = 'deep31'")));
    }

    @Test
    void an_update_cannot_nest_an_item_past_32_levels() {
        ddb.putItem(b -> b.tableName("hostile").item(item("pk", s("upd"), "m", m(Map.of()))));
        // 31 levels under m, which is itself a level: 33
        assertAwsError("ValidationException", TOO_DEEP, () -> ddb.updateItem(b -> b.tableName("hostile").key(item("pk", s("upd")))
                .updateExpression("SET m.deeper = :v").expressionAttributeValues(Map.of(":v", nested(31)))));
        ddb.updateItem(b -> b.tableName("hostile").key(item("pk", s("upd")))
                .updateExpression("SET m.deeper = :v").expressionAttributeValues(Map.of(":v", nested(30))));
        assertEquals(nested(30), ddb.getItem(b -> b.tableName("hostile").key(item("pk", s("upd")))).item().get("m").m().get("deeper"));
    }

    @Test
    void statement_parameters_nested_past_32_levels_are_refused() {
        assertAwsError("ValidationException", null, () -> ddb.executeStatement(b -> b.statement("INSERT INTO hostile VALUE {'pk':'par','v':?}")
                .parameters(nested(40))));
        assertFalse(stored("par"));
    }

    @Test
    void an_empty_attribute_name_is_refused_by_every_route() {
        assertAwsError("ValidationException", "One or more parameter values were invalid: Empty attribute name",
                () -> ddb.putItem(b -> b.tableName("hostile").item(item("pk", s("e1"), "", s("x")))));
        assertAwsError("ValidationException", "ExpressionAttributeNames contains invalid value: Empty attribute name for key #n",
                () -> ddb.updateItem(b -> b.tableName("hostile").key(item("pk", s("e2"))).updateExpression("SET #n = :v")
                        .expressionAttributeNames(Map.of("#n", "")).expressionAttributeValues(Map.of(":v", s("x")))));
        assertAwsError("ValidationException", "One or more parameter values were invalid: Empty attribute name",
                () -> ddb.executeStatement(b -> b.statement("INSERT INTO hostile VALUE {'pk':'e3','':'x'}")));
        assertAwsError("ValidationException", null, () -> ddb.batchWriteItem(b -> b.requestItems(Map.of("hostile",
                List.of(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                        .putRequest(p -> p.item(item("pk", s("e4"), "", s("x")))).build())))));
        for (String pk : List.of("e1", "e2", "e3", "e4")) assertFalse(stored(pk), pk);
    }

    @Test
    void a_transaction_over_4_mb_is_refused_and_writes_nothing() {
        String big = "x".repeat(390 * 1024);
        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String pk = "tx" + i;
            items.add(TransactWriteItem.builder().put(p -> p.tableName("hostile").item(item("pk", s(pk), "d", s(big)))).build());
        }
        assertAwsError("ValidationException", "Transaction request cannot be larger than 4 MB", () -> ddb.transactWriteItems(b -> b.transactItems(items)));
        assertFalse(stored("tx0"));
        ddb.transactWriteItems(b -> b.transactItems(items.subList(0, 10)));
        assertTrue(stored("tx9"));
    }

    @Test
    void request_shapes_that_once_reached_a_server_error_are_validation_errors() throws Exception {
        assertRawError("ValidationException", null, raw("Scan", """
                {"TableName":"hostile","FilterExpression":"(("}"""));
        assertRawError("ValidationException", null, raw("Scan", """
                {"TableName":"hostile","ScanFilter":{"pk":{"ComparisonOperator":"NOT_NULL"}},"ConditionalOperator":"XOR"}"""));
        String ops = String.join(" OR ", java.util.Collections.nCopies(301, "pk = :v"));
        assertRawError("ValidationException", "Invalid FilterExpression: The expression contains too many operators; operator count: 301",
                raw("Scan", "{\"TableName\":\"hostile\",\"FilterExpression\":\"" + ops + "\",\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"}}}"));
        assertRawError("SerializationException", null, raw("PutItem", """
                {"TableName":"hostile","Item":{"pk":{"S":"trail"}}} {"more":1}"""));
        assertFalse(stored("trail"));
        assertRawError("SerializationException", null, raw("PutItem", "[".repeat(5_000) + "]".repeat(5_000)));
    }
}
