package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** UpdateItem where AWS's behaviour is easy to get wrong: updates that create nothing, legacy actions, list appends, paths, numbers. */
class UpdateItemConformanceTest extends ServerTest {
    static String streamArn;

    @BeforeAll
    static void tables() {
        streamArn = TestServer.createStreamTable(ddb, "upd", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
    }

    static Map<String, AttributeValue> key(String k) {
        return item("pk", s(k));
    }

    static Map<String, AttributeValue> get(String k) {
        return ddb.getItem(b -> b.tableName("upd").key(key(k)).consistentRead(true)).item();
    }

    static long recordsFor(String k) {
        return StreamReader.readAll(streams, streamArn).stream().filter(r -> r.dynamodb().keys().get("pk").s().equals(k)).count();
    }

    @Test
    void remove_only_update_of_a_missing_item_writes_nothing() {
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName("upd").key(key("gone1")).updateExpression("REMOVE a, b").returnValues(ReturnValue.ALL_NEW));
        assertFalse(r.hasAttributes() && !r.attributes().isEmpty());
        assertTrue(get("gone1").isEmpty());
        ddb.updateItem(b -> b.tableName("upd").key(key("gone2"))
                .attributeUpdates(Map.of("a", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
                        "s", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(ss("x")).build())));
        assertTrue(get("gone2").isEmpty());
        assertEquals(0, recordsFor("gone1"));
        assertEquals(0, recordsFor("gone2"));
        ddb.updateItem(b -> b.tableName("upd").key(key("made")).updateExpression("SET a = :v").expressionAttributeValues(Map.of(":v", n("1"))));
        assertEquals(item("pk", s("made"), "a", n("1")), get("made"));
        assertEquals(1, recordsFor("made"));
    }

    @Test
    void legacy_add_or_delete_of_a_set_on_another_type_is_a_type_mismatch() {
        ddb.putItem(b -> b.tableName("upd").item(item("pk", s("legacy"), "str", s("x"), "num", n("1"))));
        assertAwsError("ValidationException", "Type mismatch for attribute to update", () -> ddb.updateItem(b -> b.tableName("upd").key(key("legacy"))
                .attributeUpdates(Map.of("str", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(ss("a")).build()))));
        assertAwsError("ValidationException", "Type mismatch for attribute to update", () -> ddb.updateItem(b -> b.tableName("upd").key(key("legacy"))
                .attributeUpdates(Map.of("num", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(ns("1")).build()))));
    }

    @Test
    void legacy_add_of_a_list_appends() {
        ddb.putItem(b -> b.tableName("upd").item(item("pk", s("append"), "l", l(s("a")))));
        ddb.updateItem(b -> b.tableName("upd").key(key("append"))
                .attributeUpdates(Map.of("l", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(l(s("b"), n("2"))).build(),
                        "fresh", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(l(s("c"))).build())));
        assertEquals(l(s("a"), s("b"), n("2")), get("append").get("l"));
        assertEquals(l(s("c")), get("append").get("fresh"));
    }

    @Test
    void set_of_several_indexes_past_the_end_appends_in_ascending_index_order() {
        ddb.putItem(b -> b.tableName("upd").item(item("pk", s("idx"), "l", l(s("a")))));
        ddb.updateItem(b -> b.tableName("upd").key(key("idx")).updateExpression("SET l[10] = :x, l[7] = :y, l[12] = :z")
                .expressionAttributeValues(Map.of(":x", s("x"), ":y", s("y"), ":z", s("z"))));
        assertEquals(l(s("a"), s("y"), s("x"), s("z")), get("idx").get("l"));
    }

    @Test
    void remove_of_a_nested_path_under_a_missing_or_mistyped_parent_is_invalid() {
        ddb.putItem(b -> b.tableName("upd").item(item("pk", s("nested"), "str", s("x"), "m", m(Map.of("a", n("1"))), "l", l(n("1")))));
        String invalid = "The document path provided in the update expression is invalid for update";
        for (String path : List.of("absent.x", "str.x", "m.nope.x", "l.x", "m[0]", "l[5].x", "str[0]")) {
            assertAwsError("ValidationException", invalid,
                    () -> ddb.updateItem(b -> b.tableName("upd").key(key("nested")).updateExpression("REMOVE " + path)));
        }
        ddb.updateItem(b -> b.tableName("upd").key(key("nested")).updateExpression("REMOVE m.nope, l[5], m.a"));
        assertEquals(item("pk", s("nested"), "str", s("x"), "m", m(Map.of()), "l", l(n("1"))), get("nested"));
    }

    @Test
    void arithmetic_needing_more_than_38_digits_is_a_number_overflow() {
        ddb.putItem(b -> b.tableName("upd").item(item("pk", s("num"), "n", n("99999999999999999999999999999999999999"))));
        String overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range";
        assertAwsError("ValidationException", overflow, () -> ddb.updateItem(b -> b.tableName("upd").key(key("num"))
                .updateExpression("SET n = n + :one").expressionAttributeValues(Map.of(":one", n("0.1")))));
        assertAwsError("ValidationException", overflow, () -> ddb.updateItem(b -> b.tableName("upd").key(key("num"))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", n("0.1")))));
        ddb.updateItem(b -> b.tableName("upd").key(key("num")).updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", n("1"))));
        assertEquals(n("100000000000000000000000000000000000000"), get("num").get("n"));
    }
}
