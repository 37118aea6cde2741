package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ItemApiTest extends ServerTest {

    @BeforeAll
    static void start() {
        ddb.createTable(b -> b.tableName("users")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("userId").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        ddb.createTable(b -> b.tableName("events")
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("device").attributeType(ScalarAttributeType.B).build(),
                        AttributeDefinition.builder().attributeName("ts").attributeType(ScalarAttributeType.N).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("device").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("ts").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("userId", s(id));
    }

    static Map<String, AttributeValue> get(String id) {
        GetItemResponse r = ddb.getItem(b -> b.tableName("users").key(key(id)).consistentRead(true));
        return r.hasItem() ? r.item() : null;
    }

    @Test
    void put_then_get_returns_the_item() {
        Map<String, AttributeValue> item = Map.of("userId", s("put1"), "name", s("Alice"), "age", n("30"));
        ddb.putItem(b -> b.tableName("users").item(item));
        assertEquals(item, get("put1"));
    }

    @Test
    void get_of_a_missing_item_has_no_item() {
        GetItemResponse r = ddb.getItem(b -> b.tableName("users").key(key("nobody")));
        assertFalse(r.hasItem());
    }

    @Test
    void put_replaces_the_whole_item_and_returns_all_old() {
        ddb.putItem(b -> b.tableName("users").item(Map.of("userId", s("put2"), "a", s("1"), "b", s("2"))));
        PutItemResponse r = ddb.putItem(b -> b.tableName("users").item(Map.of("userId", s("put2"), "c", s("3")))
                .returnValues(ReturnValue.ALL_OLD));
        assertEquals(Map.of("userId", s("put2"), "a", s("1"), "b", s("2")), r.attributes());
        assertEquals(Map.of("userId", s("put2"), "c", s("3")), get("put2"));
    }

    @Test
    void put_rejects_return_values_other_than_all_old() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.putItem(b -> b.tableName("users")
                .item(key("put3")).returnValues(ReturnValue.ALL_NEW)));
        assertEquals("ReturnValues can only be ALL_OLD or NONE", e.awsErrorDetails().errorMessage());
    }

    @Test
    void conditional_put_fails_when_item_exists() {
        ddb.putItem(b -> b.tableName("users").item(Map.of("userId", s("cond1"), "v", n("1"))));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(b -> b
                .tableName("users").item(Map.of("userId", s("cond1"), "v", n("2")))
                .conditionExpression("attribute_not_exists(userId)")));
        assertEquals("The conditional request failed", e.awsErrorDetails().errorMessage());
        assertEquals(n("1"), get("cond1").get("v"));
    }

    @Test
    void condition_failure_can_return_the_old_item() {
        ddb.putItem(b -> b.tableName("users").item(Map.of("userId", s("cond2"), "v", n("1"))));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class, () -> ddb.updateItem(b -> b
                .tableName("users").key(key("cond2"))
                .updateExpression("SET v = :two")
                .conditionExpression("v = :zero")
                .expressionAttributeValues(Map.of(":two", n("2"), ":zero", n("0")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals(Map.of("userId", s("cond2"), "v", n("1")), e.item());
    }

    @Test
    void conditional_delete() {
        ddb.putItem(b -> b.tableName("users").item(Map.of("userId", s("del1"), "status", s("active"))));
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.deleteItem(b -> b.tableName("users").key(key("del1"))
                .conditionExpression("#s = :inactive")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":inactive", s("inactive")))));
        DeleteItemResponse r = ddb.deleteItem(b -> b.tableName("users").key(key("del1"))
                .conditionExpression("#s = :active")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":active", s("active")))
                .returnValues(ReturnValue.ALL_OLD));
        assertEquals(s("active"), r.attributes().get("status"));
        assertNull(get("del1"));
    }

    @Test
    void deleting_a_missing_item_succeeds_with_no_attributes() {
        DeleteItemResponse r = ddb.deleteItem(b -> b.tableName("users").key(key("ghost")).returnValues(ReturnValue.ALL_OLD));
        assertFalse(r.hasAttributes());
    }

    @Test
    void update_creates_a_missing_item() {
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName("users").key(key("upd1"))
                .updateExpression("SET visits = :one").expressionAttributeValues(Map.of(":one", n("1")))
                .returnValues(ReturnValue.ALL_NEW));
        assertEquals(Map.of("userId", s("upd1"), "visits", n("1")), r.attributes());
    }

    @Test
    void update_return_values_updated_old_and_new() {
        ddb.putItem(b -> b.tableName("users").item(Map.of("userId", s("upd2"), "a", n("1"), "b", s("keep"),
                "m", AttributeValue.builder().m(Map.of("x", n("1"), "y", n("2"))).build())));
        UpdateItemResponse oldR = ddb.updateItem(b -> b.tableName("users").key(key("upd2"))
                .updateExpression("SET a = a + :one, m.x = :ten").expressionAttributeValues(Map.of(":one", n("1"), ":ten", n("10")))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertEquals(Map.of("a", n("1"), "m", AttributeValue.builder().m(Map.of("x", n("1"))).build()), oldR.attributes());
        UpdateItemResponse newR = ddb.updateItem(b -> b.tableName("users").key(key("upd2"))
                .updateExpression("SET a = a + :one").expressionAttributeValues(Map.of(":one", n("1")))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertEquals(Map.of("a", n("3")), newR.attributes());
        UpdateItemResponse allOld = ddb.updateItem(b -> b.tableName("users").key(key("upd2"))
                .updateExpression("REMOVE b").returnValues(ReturnValue.ALL_OLD));
        assertEquals(s("keep"), allOld.attributes().get("b"));
        assertFalse(get("upd2").containsKey("b"));
    }

    @Test
    void update_cannot_touch_key_attributes() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.updateItem(b -> b.tableName("users")
                .key(key("upd3")).updateExpression("SET userId = :x").expressionAttributeValues(Map.of(":x", s("y")))));
        assertEquals("One or more parameter values were invalid: Cannot update attribute userId. This attribute is part of the key",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void hash_and_range_keys_with_binary_and_number() {
        SdkBytes device = SdkBytes.fromByteArray(new byte[]{0, 1, 2, (byte) 255});
        Map<String, AttributeValue> k = Map.of("device", AttributeValue.builder().b(device).build(), "ts", n("1700000000.5"));
        ddb.putItem(b -> b.tableName("events").item(Map.of("device", k.get("device"), "ts", k.get("ts"), "temp", n("21.50"))));
        Map<String, AttributeValue> got = ddb.getItem(b -> b.tableName("events").key(k)).item();
        assertEquals(n("21.5"), got.get("temp"));
        assertEquals(device, got.get("device").b());
        // Numeric keys compare by value: 1700000000.50 names the same item.
        Map<String, AttributeValue> sameKey = Map.of("device", k.get("device"), "ts", n("1700000000.50"));
        assertTrue(ddb.getItem(b -> b.tableName("events").key(sameKey)).hasItem());
    }

    @Test
    void key_errors_match_aws() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.getItem(b -> b.tableName("users")
                .key(Map.of("wrong", s("x")))));
        assertEquals("The provided key element does not match the schema", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.getItem(b -> b.tableName("users").key(Map.of("userId", n("1")))));
        assertEquals("The provided key element does not match the schema", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.putItem(b -> b.tableName("users").item(Map.of("name", s("x")))));
        assertEquals("One or more parameter values were invalid: Missing the key userId in the item", e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.putItem(b -> b.tableName("users").item(Map.of("userId", n("5")))));
        assertEquals("One or more parameter values were invalid: Type mismatch for key userId expected: S actual: N",
                e.awsErrorDetails().errorMessage());
        e = assertThrows(DynamoDbException.class, () -> ddb.putItem(b -> b.tableName("users").item(Map.of("userId", s("")))));
        assertEquals("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
                + "empty string value. Key: userId", e.awsErrorDetails().errorMessage());
    }

    @Test
    void missing_table_for_item_calls_is_resource_not_found() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> ddb.putItem(b -> b.tableName("absent").item(key("x"))));
        assertEquals("Requested resource not found", e.awsErrorDetails().errorMessage());
    }

    @Test
    void projection_with_nested_paths_and_list_indexes() {
        AttributeValue list = AttributeValue.builder().l(s("zero"), s("one"), s("two"), s("three")).build();
        AttributeValue map = AttributeValue.builder().m(Map.of("nest", AttributeValue.builder().m(Map.of("deep", s("d"), "other", s("o"))).build(),
                "sibling", s("s"))).build();
        ddb.putItem(b -> b.tableName("users").item(Map.of("userId", s("proj1"), "list", list, "doc", map, "plain", s("p"))));
        Map<String, AttributeValue> r = ddb.getItem(b -> b.tableName("users").key(key("proj1"))
                .projectionExpression("#l[3], #l[1], doc.nest.deep, plain, absent")
                .expressionAttributeNames(Map.of("#l", "list"))).item();
        assertEquals(Map.of(
                "list", AttributeValue.builder().l(s("one"), s("three")).build(),
                "doc", AttributeValue.builder().m(Map.of("nest", AttributeValue.builder().m(Map.of("deep", s("d"))).build())).build(),
                "plain", s("p")), r);
    }

    @Test
    void attributes_to_get_selects_top_level_attributes() {
        ddb.putItem(b -> b.tableName("users").item(Map.of("userId", s("atg"), "a", s("1"), "b", s("2"))));
        assertEquals(Map.of("a", s("1")), ddb.getItem(b -> b.tableName("users").key(key("atg")).attributesToGet("a")).item());
    }

    @Test
    void consumed_capacity_is_reported_when_asked() {
        PutItemResponse p = ddb.putItem(b -> b.tableName("users").item(key("cap1")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals("users", p.consumedCapacity().tableName());
        assertEquals(1.0, p.consumedCapacity().capacityUnits());
        GetItemResponse g = ddb.getItem(b -> b.tableName("users").key(key("cap1")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(0.5, g.consumedCapacity().capacityUnits());
        GetItemResponse strong = ddb.getItem(b -> b.tableName("users").key(key("cap1")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(1.0, strong.consumedCapacity().capacityUnits());
        assertNull(ddb.putItem(b -> b.tableName("users").item(key("cap1"))).consumedCapacity());
    }

    @Test
    void all_data_types_round_trip() {
        Map<String, AttributeValue> item = Map.of(
                "userId", s("types"),
                "str", s("héllo ✓ 𝄞"),
                "num", n("-12.5"),
                "bin", AttributeValue.builder().b(SdkBytes.fromUtf8String("bytes")).build(),
                "bool", AttributeValue.builder().bool(false).build(),
                "nul", AttributeValue.builder().nul(true).build(),
                "list", AttributeValue.builder().l(n("1"), s("two"), AttributeValue.builder().l(List.of()).build()).build(),
                "map", AttributeValue.builder().m(Map.of("k", AttributeValue.builder().m(Map.of()).build())).build(),
                "ss", AttributeValue.builder().ss("a", "b").build(),
                "ns", AttributeValue.builder().ns("1", "2.5").build());
        ddb.putItem(b -> b.tableName("users").item(item));
        Map<String, AttributeValue> got = get("types");
        assertEquals(item.keySet(), got.keySet());
        for (String k : List.of("userId", "str", "num", "bin", "bool", "nul", "list", "map")) assertEquals(item.get(k), got.get(k), k);
        assertEquals(List.of("a", "b"), got.get("ss").ss().stream().sorted().toList());
        assertEquals(List.of("1", "2.5"), got.get("ns").ns().stream().sorted().toList());
        ddb.putItem(b -> b.tableName("users").item(Map.of("userId", s("bs"),
                "bs", AttributeValue.builder().bs(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("y")).build())));
        assertEquals(2, get("bs").get("bs").bs().size());
    }

    @Test
    void strings_that_need_escaping_and_numbers_of_every_length_come_back_as_they_went_in() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("userId", s("escapes"));
        item.put("quote \" and \\", s("a \"quoted\" word, a back\\slash, a tab\t, a newline\n, a nul \u0000 and é after 8 bytes"));
        item.put("plain", s("no escapes at all, longer than a word of eight bytes"));
        String[] numbers = {"0", "7", "-7", "10", "36028797018963967", "-36028797018963968", "36028797018963968",
                "123456789012345678901234567890", "-12.5"};
        for (int i = 0; i < numbers.length; i++) item.put("n" + i, n(numbers[i]));
        ddb.putItem(b -> b.tableName("users").item(item));
        assertEquals(item, get("escapes"));
    }
}
