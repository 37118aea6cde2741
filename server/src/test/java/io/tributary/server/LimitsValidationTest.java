package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Limits and request validation: names, key schemas, base64, nesting, with AWS's error types and texts. */
class LimitsValidationTest extends ServerTest {
    @BeforeAll
    static void tables() {
        table("limits");
    }

    @Test
    void attribute_names_up_to_65535_bytes_are_accepted_and_an_empty_name_is_refused() throws Exception {
        String longName = "a".repeat(65_535);
        ddb.putItem(b -> b.tableName("limits").item(item("pk", s("long"), longName, s("v"))));
        assertEquals(s("v"), storedAttribute("long", longName));
        assertAwsError("ValidationException", "One or more parameter values were invalid: Empty attribute name",
                () -> ddb.putItem(b -> b.tableName("limits").item(item("pk", s("empty"), "", s("v")))));
    }

    /** Read by hand: the SDK's own JSON reader stops at names over 50,000 characters, which DynamoDB allows. */
    static software.amazon.awssdk.services.dynamodb.model.AttributeValue storedAttribute(String key, String name) throws Exception {
        var r = raw("GetItem", "{\"TableName\":\"limits\",\"Key\":{\"pk\":{\"S\":\"" + key + "\"}}}");
        assertEquals(200, r.statusCode(), r.body());
        var value = JSON.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxNameLength(100_000).build()).createParser(r.body()).readValueAsTree();
        var node = ((com.fasterxml.jackson.databind.JsonNode) value).get("Item").get(name);
        if (node.has("S")) return s(node.get("S").asText());
        return n(node.get("N").asText());
    }

    @Test
    void key_attribute_names_are_1_to_255_characters() {
        String tooLong = "k".repeat(256);
        assertAwsError("ValidationException", "1 validation error detected: Value '" + tooLong + "' at 'keySchema.1.member.attributeName' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 255",
                () -> ddb.createTable(b -> b.tableName("longkey").billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(a -> a.attributeName("k").attributeType("S"))
                        .keySchema(k -> k.attributeName(tooLong).keyType("HASH"))));
        assertAwsError("ValidationException", "2 validation errors detected: Value '' at 'keySchema.1.member.attributeName' failed to "
                        + "satisfy constraint: Member must have length greater than or equal to 1; Value '' at "
                        + "'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1",
                () -> ddb.createTable(b -> b.tableName("emptykey").billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(a -> a.attributeName("").attributeType("S"))
                        .keySchema(k -> k.attributeName("").keyType("HASH"))));
        String ok = "k".repeat(255);
        ddb.createTable(b -> b.tableName("maxkey").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName(ok).attributeType("S")).keySchema(k -> k.attributeName(ok).keyType("HASH")));
    }

    @Test
    void missing_members_of_a_key_schema_are_validation_errors_not_server_errors() throws Exception {
        assertRawError("ValidationException", "1 validation error detected: Value null at 'attributeDefinitions.1.member.attributeType' "
                + "failed to satisfy constraint: Member must not be null", raw("CreateTable", """
                {"TableName":"notype","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"pk"}],
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}"""));
        assertRawError("ValidationException", "1 validation error detected: Value null at 'keySchema.1.member.attributeName' "
                + "failed to satisfy constraint: Member must not be null", raw("CreateTable", """
                {"TableName":"noname","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                 "KeySchema":[{"KeyType":"HASH"}]}"""));
        assertRawError("ValidationException", null, raw("UpdateTable", """
                {"TableName":"limits","AttributeDefinitions":[{"AttributeName":"g"}],
                 "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"g","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
                 "Projection":{"ProjectionType":"ALL"}}}]}"""));
    }

    @Test
    void transaction_actions_missing_their_item_or_key_are_validation_errors() throws Exception {
        assertRawError("ValidationException", "1 validation error detected: Value null at 'transactItems.1.member.put.item' "
                + "failed to satisfy constraint: Member must not be null", raw("TransactWriteItems", """
                {"TransactItems":[{"Put":{"TableName":"limits"}}]}"""));
        assertRawError("ValidationException", "1 validation error detected: Value null at 'transactItems.2.member.delete.key' "
                + "failed to satisfy constraint: Member must not be null", raw("TransactWriteItems", """
                {"TransactItems":[{"Put":{"TableName":"limits","Item":{"pk":{"S":"t"}}}},{"Delete":{"TableName":"limits"}}]}"""));
        assertRawError("ValidationException", "1 validation error detected: Value null at 'transactItems.1.member.update.updateExpression' "
                + "failed to satisfy constraint: Member must not be null", raw("TransactWriteItems", """
                {"TransactItems":[{"Update":{"TableName":"limits","Key":{"pk":{"S":"t"}}}}]}"""));
        assertFalse(ddb.getItem(b -> b.tableName("limits").key(item("pk", s("t")))).hasItem());
    }

    @Test
    void base64_without_its_padding_is_a_serialization_error() throws Exception {
        assertRawError("SerializationException", null, raw("PutItem", """
                {"TableName":"limits","Item":{"pk":{"S":"b64"},"b":{"B":"YWJjZA"}}}"""));
        assertEquals(200, raw("PutItem", """
                {"TableName":"limits","Item":{"pk":{"S":"b64"},"b":{"B":"YWJjZA=="}}}""").statusCode());
    }

    @Test
    void nesting_past_32_levels_has_awss_message() throws Exception {
        String deep = "{\"M\":{\"a\":".repeat(40) + "{\"S\":\"x\"}" + "}}".repeat(40);
        assertRawError("ValidationException", "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
                + "beyond supported limit", raw("PutItem", "{\"TableName\":\"limits\",\"Item\":{\"pk\":{\"S\":\"deep\"},\"d\":" + deep + "}}"));
        String deeper = "{\"L\":[".repeat(3000) + "{\"S\":\"x\"}" + "]}".repeat(3000);
        var tooDeep = raw("PutItem", "{\"TableName\":\"limits\",\"Item\":{\"pk\":{\"S\":\"deep\"},\"d\":" + deeper + "}}");
        assertEquals(400, tooDeep.statusCode(), tooDeep.body());
    }

    @Test
    void expression_attribute_names_may_name_long_attributes() throws Exception {
        String longName = "n".repeat(60_000);
        ddb.updateItem(b -> b.tableName("limits").key(item("pk", s("named"))).updateExpression("SET #n = :v")
                .expressionAttributeNames(Map.of("#n", longName)).expressionAttributeValues(Map.of(":v", n("1"))));
        assertEquals(n("1"), storedAttribute("named", longName));
    }
}
