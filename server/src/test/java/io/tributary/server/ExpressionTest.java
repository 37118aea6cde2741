package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The expression language through UpdateItem and conditions, against the real server. */
class ExpressionTest extends ServerTest {
    static int counter;

    @BeforeAll
    static void start() {
        ddb.createTable(b -> b.tableName("expr")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    /** A fresh item holding the given attributes; returns its id. */
    static String item(Map<String, AttributeValue> attributes) {
        String id = "item" + (++counter);
        Map<String, AttributeValue> all = new HashMap<>(attributes);
        all.put("id", s(id));
        ddb.putItem(b -> b.tableName("expr").item(all));
        return id;
    }

    static Map<String, AttributeValue> update(String id, String expression, Map<String, AttributeValue> values) {
        return ddb.updateItem(b -> {
            b.tableName("expr").key(Map.of("id", s(id))).updateExpression(expression).returnValues(ReturnValue.ALL_NEW);
            if (!values.isEmpty()) b.expressionAttributeValues(values);
        }).attributes();
    }

    static String updateError(String id, String expression, Map<String, AttributeValue> values) {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> update(id, expression, values));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    static boolean holds(String id, String condition, Map<String, AttributeValue> values) {
        try {
            ddb.updateItem(b -> {
                b.tableName("expr").key(Map.of("id", s(id))).updateExpression("SET probe = :probe").conditionExpression(condition);
                Map<String, AttributeValue> all = new HashMap<>(values);
                all.put(":probe", n("1"));
                b.expressionAttributeValues(all);
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Test
    void set_arithmetic_and_if_not_exists() {
        String id = item(Map.of("a", n("10")));
        Map<String, AttributeValue> r = update(id, "SET a = a - :one, b = if_not_exists(b, :zero) + :one, c = :one + :one",
                Map.of(":one", n("1"), ":zero", n("0")));
        assertEquals(n("9"), r.get("a"));
        assertEquals(n("1"), r.get("b"));
        assertEquals(n("2"), r.get("c"));
    }

    @Test
    void set_reads_every_operand_before_writing() {
        String id = item(Map.of("a", s("A"), "b", s("B")));
        Map<String, AttributeValue> r = update(id, "SET a = b, b = a", Map.of());
        assertEquals(s("B"), r.get("a"));
        assertEquals(s("A"), r.get("b"));
    }

    @Test
    void list_append_both_ways() {
        String id = item(Map.of("l", l(s("b"))));
        Map<String, AttributeValue> r = update(id, "SET l = list_append(:front, l), k = list_append(if_not_exists(k, :empty), :front)",
                Map.of(":front", l(s("a")), ":empty", l()));
        assertEquals(l(s("a"), s("b")), r.get("l"));
        assertEquals(l(s("a")), r.get("k"));
    }

    @Test
    void nested_map_paths_and_list_indexes() {
        String id = item(Map.of("m", m(Map.of("nest", m(Map.of("x", n("1"))))), "l", l(s("a"), s("b"))));
        Map<String, AttributeValue> r = update(id, "SET m.nest.y = :v, m.nest.x = :v, l[1] = :v, l[9] = :w",
                Map.of(":v", s("new"), ":w", s("appended")));
        assertEquals(m(Map.of("nest", m(Map.of("x", s("new"), "y", s("new"))))), r.get("m"));
        assertEquals(l(s("a"), s("new"), s("appended")), r.get("l"));
    }

    @Test
    void set_under_a_missing_parent_is_invalid() {
        String id = item(Map.of());
        assertEquals("The document path provided in the update expression is invalid for update",
                updateError(id, "SET nothere.child = :v", Map.of(":v", s("x"))));
    }

    @Test
    void remove_attributes_map_keys_and_list_elements() {
        String id = item(Map.of("a", s("x"), "m", m(Map.of("k", s("v"), "j", s("w"))), "l", l(s("0"), s("1"), s("2"), s("3"))));
        Map<String, AttributeValue> r = update(id, "REMOVE a, m.k, l[1], l[3], nothere, m.nothere", Map.of());
        assertFalse(r.containsKey("a"));
        assertEquals(m(Map.of("j", s("w"))), r.get("m"));
        assertEquals(l(s("0"), s("2")), r.get("l"));
    }

    @Test
    void add_numbers_and_sets() {
        String id = item(Map.of("tally", n("5"), "tags", AttributeValue.builder().ss("a").build()));
        Map<String, AttributeValue> r = update(id, "ADD tally :n, tags :t, fresh :n, newset :ns",
                Map.of(":n", n("2.5"), ":t", AttributeValue.builder().ss("a", "b").build(), ":ns", AttributeValue.builder().ns("1").build()));
        assertEquals(n("7.5"), r.get("tally"));
        assertEquals(List.of("a", "b"), r.get("tags").ss().stream().sorted().toList());
        assertEquals(n("2.5"), r.get("fresh"));
        assertEquals(List.of("1"), r.get("newset").ns());
    }

    @Test
    void delete_from_sets_removes_the_attribute_when_empty() {
        String id = item(Map.of("tags", AttributeValue.builder().ss("a", "b").build(), "nums", AttributeValue.builder().ns("1", "2").build()));
        Map<String, AttributeValue> r = update(id, "DELETE tags :a, nums :both",
                Map.of(":a", AttributeValue.builder().ss("a", "zzz").build(), ":both", AttributeValue.builder().ns("1", "2.0").build()));
        assertEquals(List.of("b"), r.get("tags").ss());
        assertFalse(r.containsKey("nums"));
    }

    @Test
    void all_four_sections_together() {
        String id = item(Map.of("a", n("1"), "gone", s("x"), "tags", AttributeValue.builder().ss("t1", "t2").build()));
        Map<String, AttributeValue> r = update(id, "SET b = :s REMOVE gone ADD a :n DELETE tags :t",
                Map.of(":s", s("B"), ":n", n("1"), ":t", AttributeValue.builder().ss("t1").build()));
        assertEquals(Map.of("id", s(id), "a", n("2"), "b", s("B"), "tags", AttributeValue.builder().ss("t2").build()), r);
    }

    @Test
    void update_errors_match_aws() {
        String id = item(Map.of("s", s("text"), "n", n("1")));
        assertEquals("1 validation error detected: Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status",
                updateError(id, "SET status = :v", Map.of(":v", s("x"))));
        assertEquals("1 validation error detected: Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S",
                updateError(id, "SET n = n + :v", Map.of(":v", s("x"))));
        assertEquals("An operand in the update expression has an incorrect data type",
                updateError(id, "SET n = s + :v", Map.of(":v", n("1"))));
        assertEquals("The provided expression refers to an attribute that does not exist in the item",
                updateError(id, "SET n = absent + :v", Map.of(":v", n("1"))));
        assertEquals("1 validation error detected: Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                updateError(id, "SET a = :v SET b = :v", Map.of(":v", n("1"))));
        assertEquals("1 validation error detected: Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these "
                + "paths; path one: [m], path two: [m, x]", updateError(id, "SET m = :v REMOVE m.x", Map.of(":v", n("1"))));
        assertEquals("1 validation error detected: Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
                updateError(id, "ADD s :v", Map.of(":v", s("x"))));
        assertEquals("An operand in the update expression has an incorrect data type",
                updateError(id, "ADD s :v", Map.of(":v", n("1"))));
        assertEquals("1 validation error detected: Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"=\"",
                updateError(id, "SET a = ", Map.of()));
        assertEquals("1 validation error detected: Invalid UpdateExpression: Invalid function name; function: nosuch",
                updateError(id, "SET a = nosuch(b)", Map.of()));
        assertEquals("1 validation error detected: Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :nope",
                updateError(id, "SET a = :nope", Map.of(":v", n("1"))));
        assertEquals("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                updateError(id, "SET a = :v", Map.of(":v", n("1"), ":unused", n("2"))));
    }

    @Test
    void expression_attribute_name_errors() {
        String id = item(Map.of());
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.updateItem(b -> b.tableName("expr")
                .key(Map.of("id", s(id))).updateExpression("SET #a = :v").expressionAttributeValues(Map.of(":v", n("1")))));
        assertEquals("1 validation error detected: Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #a",
                e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.updateItem(b -> b.tableName("expr")
                .key(Map.of("id", s(id))).updateExpression("SET a = :v").expressionAttributeValues(Map.of(":v", n("1")))
                .expressionAttributeNames(Map.of("#unused", "x"))));
        assertEquals("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.putItem(b -> b.tableName("expr")
                .item(Map.of("id", s(id))).expressionAttributeValues(Map.of(":v", n("1")))));
        assertEquals("1 validation error detected: ExpressionAttributeValues can only be specified when using expressions",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void comparators_and_functions() {
        String id = item(Map.of("n", n("5"), "s", s("hello"), "b", AttributeValue.builder().b(SdkBytes.fromUtf8String("abc")).build(),
                "ss", AttributeValue.builder().ss("x", "y").build(), "l", l(s("e1"), n("2")), "m", m(Map.of("k", s("v")))));
        Map<String, AttributeValue> none = Map.of();
        assertTrue(holds(id, "n = :v", Map.of(":v", n("5.0"))));
        assertTrue(holds(id, "n <> :v", Map.of(":v", n("6"))));
        assertTrue(holds(id, "n < :v AND n <= :w", Map.of(":v", n("6"), ":w", n("5"))));
        assertFalse(holds(id, "n > :v", Map.of(":v", n("5"))));
        assertTrue(holds(id, "n >= :v", Map.of(":v", n("5"))));
        assertFalse(holds(id, "n < :v", Map.of(":v", s("6"))));
        assertTrue(holds(id, "s < :v", Map.of(":v", s("help"))));
        assertTrue(holds(id, "n BETWEEN :lo AND :hi", Map.of(":lo", n("5"), ":hi", n("10"))));
        assertFalse(holds(id, "n BETWEEN :lo AND :hi", Map.of(":lo", n("6"), ":hi", n("10"))));
        assertTrue(holds(id, "n IN (:a, :b)", Map.of(":a", n("1"), ":b", n("5"))));
        assertFalse(holds(id, "n IN (:a)", Map.of(":a", s("5"))));
        assertTrue(holds(id, "attribute_exists(m.k) AND attribute_not_exists(m.z)", none));
        assertTrue(holds(id, "attribute_type(ss, :t)", Map.of(":t", s("SS"))));
        assertFalse(holds(id, "attribute_type(n, :t)", Map.of(":t", s("S"))));
        assertTrue(holds(id, "begins_with(s, :p)", Map.of(":p", s("hel"))));
        assertTrue(holds(id, "begins_with(b, :p)", Map.of(":p", AttributeValue.builder().b(SdkBytes.fromUtf8String("ab")).build())));
        assertTrue(holds(id, "contains(s, :p) AND contains(ss, :x) AND contains(l, :two)",
                Map.of(":p", s("ell"), ":x", s("y"), ":two", n("2"))));
        assertTrue(holds(id, "size(s) = :five AND size(ss) = :two AND size(l) = :two AND size(m) = :one",
                Map.of(":five", n("5"), ":two", n("2"), ":one", n("1"))));
        assertTrue(holds(id, "l[0] = :e AND m.k = :v", Map.of(":e", s("e1"), ":v", s("v"))));
        assertTrue(holds(id, "absent <> :v", Map.of(":v", n("1"))));
        assertFalse(holds(id, "absent = :v", Map.of(":v", n("1"))));
    }

    @Test
    void boolean_precedence_is_not_then_and_then_or() {
        String id = item(Map.of("a", n("1")));
        Map<String, AttributeValue> v = Map.of(":one", n("1"), ":two", n("2"));
        // OR binds loosest: true OR (false AND false)
        assertTrue(holds(id, "a = :one OR a = :two AND a = :two", v));
        // parentheses override: (true OR false) AND false
        assertFalse(holds(id, "(a = :one OR a = :two) AND a = :two", v));
        // NOT binds tighter than AND: (NOT false) AND true
        assertTrue(holds(id, "NOT a = :two AND a = :one", v));
        assertFalse(holds(id, "NOT (a = :two OR a = :one)", v));
    }

    @Test
    void condition_errors_match_aws() {
        String id = item(Map.of());
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> holds(id, "a BETWEEN :hi AND :lo",
                Map.of(":lo", n("1"), ":hi", n("9"))));
        assertEquals("1 validation error detected: Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower "
                + "bound; lower bound operand: AttributeValue: {N:9}, upper bound operand: AttributeValue: {N:1}",
                e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> holds(id, "attribute_exists(a, b)", Map.of()));
        assertEquals("1 validation error detected: Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
                + "attribute_exists, number of operands: 2", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> holds(id, "a < :l", Map.of(":l", l())));
        assertEquals("1 validation error detected: Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, "
                + "operand type: L", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> holds(id, "a = :v AND", Map.of(":v", n("1"))));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("1 validation error detected: Invalid ConditionExpression: Syntax error; token: \"<EOF>\""));
    }
}
