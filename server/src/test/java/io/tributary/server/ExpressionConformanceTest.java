package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Expression syntax where AWS is stricter or looser than it looks: names, function names, operand kinds, limits. */
class ExpressionConformanceTest extends ServerTest {
    @BeforeAll
    static void tables() {
        table("expr");
        table("expr_sorted", "sk");
        ddb.putItem(b -> b.tableName("expr").item(item("pk", s("a"), "n", n("1"), "str", s("hello"))));
        for (String sk : new String[] {"a", "b", "c"}) {
            ddb.putItem(b -> b.tableName("expr_sorted").item(item("pk", s("p"), "sk", s(sk))));
        }
    }

    static void condition(String expression, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values) {
        ddb.updateItem(b -> b.tableName("expr").key(item("pk", s("a"))).updateExpression("REMOVE touched")
                .conditionExpression(expression).expressionAttributeValues(values));
    }

    @Test
    void unquoted_names_must_start_with_a_letter() {
        AwsServiceException e = assertAwsError("ValidationException", null, () -> condition("_n = :t", Map.of(":t", n("1"))));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("1 validation error detected: Invalid ConditionExpression: Syntax error; token: \"_\""),
                e.awsErrorDetails().errorMessage());
        e = assertAwsError("ValidationException", null, () -> condition("_size(str) > :t", Map.of(":t", n("1"))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("Syntax error; token: \"_\""), e.awsErrorDetails().errorMessage());
    }

    @Test
    void function_names_are_case_sensitive_and_kept_as_written() {
        assertAwsError("ValidationException", "1 validation error detected: Invalid ConditionExpression: Invalid function name; function: ATTRIBUTE_EXISTS",
                () -> condition("ATTRIBUTE_EXISTS(n) AND :t = :t", Map.of(":t", n("1"))));
        assertAwsError("ValidationException", "1 validation error detected: Invalid ConditionExpression: Invalid function name; function: Size",
                () -> condition("Size(str) > :t", Map.of(":t", n("1"))));
        assertAwsError("ValidationException", "1 validation error detected: Invalid UpdateExpression: Invalid function name; function: If_Not_Exists",
                () -> ddb.updateItem(b -> b.tableName("expr").key(item("pk", s("a"))).updateExpression("SET x = If_Not_Exists(x, :t)")
                        .expressionAttributeValues(Map.of(":t", n("1")))));
    }

    @Test
    void size_and_attribute_type_take_a_value_as_their_operand() {
        condition("size(:v) = :three AND attribute_type(:v, :S)", Map.of(":v", s("abc"), ":three", n("3"), ":S", s("S")));
        assertThrows(ConditionalCheckFailedException.class,
                () -> condition("attribute_type(:v, :N)", Map.of(":v", s("abc"), ":N", s("N"))));
        assertAwsError("ValidationException", "1 validation error detected: Invalid ConditionExpression: Incorrect operand type for operator or function; "
                + "operator or function: size, operand type: N", () -> condition("size(:v) > :v", Map.of(":v", n("3"))));
    }

    @Test
    void a_key_condition_may_put_the_value_on_the_left() {
        var items = ddb.query(b -> b.tableName("expr_sorted").keyConditionExpression(":p = pk AND :b < sk")
                .expressionAttributeValues(Map.of(":p", s("p"), ":b", s("b")))).items();
        assertEquals(1, items.size());
        assertEquals(s("c"), items.get(0).get("sk"));
        items = ddb.query(b -> b.tableName("expr_sorted").keyConditionExpression(":p = pk AND :b >= sk")
                .expressionAttributeValues(Map.of(":p", s("p"), ":b", s("b")))).items();
        assertEquals(2, items.size());
    }

    @Test
    void more_than_300_operators_are_too_many() {
        StringBuilder ok = new StringBuilder("n = :one");
        for (int i = 1; i < 150; i++) ok.append(" AND n = :one");
        condition(ok.toString(), Map.of(":one", n("1")));
        StringBuilder tooMany = new StringBuilder("n = :one");
        for (int i = 1; i < 151; i++) tooMany.append(" AND n = :one");
        assertAwsError("ValidationException", "1 validation error detected: Invalid ConditionExpression: The expression contains too many operators; "
                + "operator count: 301", () -> condition(tooMany.toString(), Map.of(":one", n("1"))));
    }

    @Test
    void deep_nesting_and_unbalanced_parentheses_are_validation_errors() {
        String deep = "(".repeat(2000) + "n = :one" + ")".repeat(2000);
        assertAwsError("ValidationException", null, () -> condition(deep, Map.of(":one", n("1"))));
        String unbalanced = "(".repeat(2000) + "n = :one";
        assertAwsError("ValidationException", null, () -> condition(unbalanced, Map.of(":one", n("1"))));
        assertAwsError("ValidationException", null, () -> condition("((", Map.of(":one", n("1"))));
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < 500; i++) chain.append("(");
        chain.append("n = :one");
        for (int i = 0; i < 500; i++) chain.append(") OR n=:one");
        assertAwsError("ValidationException", null, () -> condition(chain.toString(), Map.of(":one", n("1"))));
        assertAwsError("ValidationException", null, () -> condition("NOT ".repeat(1000) + "n = :one", Map.of(":one", n("1"))));
    }
}
