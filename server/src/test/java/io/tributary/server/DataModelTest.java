package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Numbers, sets and limits: what DynamoDB accepts, how it normalises it, and what it rejects with which text. */
class DataModelTest extends ServerTest {

    @BeforeAll
    static void start() {
        ddb.createTable(b -> b.tableName("data")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    String roundTripNumber(String text) {
        ddb.putItem(b -> b.tableName("data").item(Map.of("id", s("num"), "v", n(text))));
        return ddb.getItem(b -> b.tableName("data").key(Map.of("id", s("num")))).item().get("v").n();
    }

    String putError(AttributeValue value) {
        DynamoDbException e = assertThrows(DynamoDbException.class,
                () -> ddb.putItem(b -> b.tableName("data").item(Map.of("id", s("bad"), "v", value))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void numbers_come_back_normalised() {
        assertEquals("1.5", roundTripNumber("1.50"));
        assertEquals("100", roundTripNumber("1E2"));
        assertEquals("-0.001", roundTripNumber("-1e-3"));
        assertEquals("0", roundTripNumber("-0.000"));
        assertEquals("123", roundTripNumber("+123"));
        assertEquals("12345678901234567890123456789012345678", roundTripNumber("12345678901234567890123456789012345678"));
        assertEquals("1" + "0".repeat(125), roundTripNumber("1E125"));
        assertEquals("0." + "0".repeat(129) + "1", roundTripNumber("1E-130"));
    }

    @Test
    void numbers_outside_dynamodb_limits_are_rejected() {
        assertEquals("Attempting to store more than 38 significant digits in a Number",
                putError(n("123456789012345678901234567890123456789")));
        assertEquals("Number overflow. Attempting to store a number with magnitude larger than supported range",
                putError(n("1E126")));
        assertEquals("Number underflow. Attempting to store a number with magnitude smaller than supported range",
                putError(n("1E-131")));
        assertEquals("The parameter cannot be converted to a numeric value: abc", putError(n("abc")));
        assertEquals("The parameter cannot be converted to a numeric value: NaN", putError(n("NaN")));
    }

    @Test
    void empty_sets_and_duplicates_are_rejected() {
        assertEquals("One or more parameter values were invalid: An string set  may not be empty",
                putError(AttributeValue.builder().ss(new String[0]).build()));
        assertEquals("One or more parameter values were invalid: An number set  may not be empty",
                putError(AttributeValue.builder().ns(new String[0]).build()));
        assertEquals("One or more parameter values were invalid: Input collection [a, a] contains duplicates.",
                putError(AttributeValue.builder().ss("a", "a").build()));
        assertTrue(putError(AttributeValue.builder().ns("1", "1.0").build()).contains("contains duplicates"));
    }

    @Test
    void null_must_be_true() {
        assertEquals("One or more parameter values were invalid: Null attribute value types must have the value of true",
                putError(AttributeValue.builder().nul(false).build()));
    }

    @Test
    void empty_strings_are_allowed_outside_keys() {
        ddb.putItem(b -> b.tableName("data").item(Map.of("id", s("empty"), "v", s(""))));
        assertEquals(s(""), ddb.getItem(b -> b.tableName("data").key(Map.of("id", s("empty")))).item().get("v"));
    }

    @Test
    void items_over_400_kb_are_rejected() {
        String big = "x".repeat(400 * 1024);
        assertEquals("Item size has exceeded the maximum allowed size", putError(s(big)));
        ddb.putItem(b -> b.tableName("data").item(Map.of("id", s("big"), "v", s("x".repeat(400 * 1024 - 10)))));
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.updateItem(b -> b.tableName("data")
                .key(Map.of("id", s("big"))).updateExpression("SET w = :w").expressionAttributeValues(Map.of(":w", s("y".repeat(100))))));
        assertEquals("Item size to update has exceeded the maximum allowed size", e.awsErrorDetails().errorMessage());
    }

    @Test
    void nesting_deeper_than_32_levels_is_rejected() {
        AttributeValue v = s("leaf");
        for (int i = 0; i < 32; i++) v = AttributeValue.builder().l(v).build();
        assertEquals("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit", putError(v));
        AttributeValue ok = s("leaf");
        for (int i = 0; i < 31; i++) ok = AttributeValue.builder().m(Map.of("k", ok)).build();
        AttributeValue finalOk = ok;
        ddb.putItem(b -> b.tableName("data").item(Map.of("id", s("deep"), "v", finalOk)));
    }

    @Test
    void an_attribute_value_needs_exactly_one_type() {
        assertEquals("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
                putError(AttributeValue.builder().build()));
        assertEquals("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
                putError(AttributeValue.builder().s("a").n("1").build()));
    }

    @Test
    void oversized_keys_are_rejected() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s("k".repeat(2049)));
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.putItem(b -> b.tableName("data").item(item)));
        assertEquals("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                e.awsErrorDetails().errorMessage());
    }
}
