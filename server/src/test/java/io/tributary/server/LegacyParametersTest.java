package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

import java.util.Map;

/** The pre-expression parameters: never mixed with expressions, and their value lists checked as AWS checks them. */
class LegacyParametersTest extends ServerTest {
    static final String MIXED = "Can not use both expression and non-expression parameters in the same request: ";

    @BeforeAll
    static void tables() {
        table("legacy", "sk");
        ddb.putItem(b -> b.tableName("legacy").item(item("pk", s("p"), "sk", s("a"), "n", n("1"))));
    }

    static Condition eq(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        return Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(v).build();
    }

    @Test
    void every_legacy_parameter_is_refused_beside_every_expression_parameter() {
        assertAwsError("ValidationException", MIXED + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
                () -> ddb.getItem(b -> b.tableName("legacy").key(item("pk", s("p"), "sk", s("a"))).attributesToGet("n").projectionExpression("n")));
        assertAwsError("ValidationException", MIXED + "Non-expression parameters: {AttributesToGet, QueryFilter, KeyConditions} "
                        + "Expression parameters: {ProjectionExpression, FilterExpression}",
                () -> ddb.query(b -> b.tableName("legacy").keyConditions(Map.of("pk", eq(s("p")))).attributesToGet("n")
                        .queryFilter(Map.of("n", eq(n("1")))).projectionExpression("n").filterExpression("n = :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))));
        assertAwsError("ValidationException", MIXED + "Non-expression parameters: {KeyConditions} Expression parameters: {FilterExpression}",
                () -> ddb.query(b -> b.tableName("legacy").keyConditions(Map.of("pk", eq(s("p")))).filterExpression("n = :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))));
        assertAwsError("ValidationException", MIXED + "Non-expression parameters: {ScanFilter, ConditionalOperator} Expression parameters: {ProjectionExpression}",
                () -> ddb.scan(b -> b.tableName("legacy").scanFilter(Map.of("n", eq(n("1")), "sk", eq(s("a"))))
                        .conditionalOperator(ConditionalOperator.OR).projectionExpression("n")));
        assertAwsError("ValidationException", MIXED + "Non-expression parameters: {AttributeUpdates} Expression parameters: {ConditionExpression}",
                () -> ddb.updateItem(b -> b.tableName("legacy").key(item("pk", s("p"), "sk", s("a")))
                        .attributeUpdates(Map.of("n", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(n("2")).build()))
                        .conditionExpression("attribute_exists(n)")));
        assertAwsError("ValidationException", MIXED + "Non-expression parameters: {ConditionalOperator} Expression parameters: {ConditionExpression}",
                () -> ddb.putItem(b -> b.tableName("legacy").item(item("pk", s("p"), "sk", s("b")))
                        .conditionalOperator(ConditionalOperator.AND).conditionExpression("attribute_not_exists(n)")));
    }

    @Test
    void conditional_operator_needs_two_or_more_conditions() {
        assertAwsError("ValidationException", "ConditionalOperator cannot be used without Filter or Expected",
                () -> ddb.scan(b -> b.tableName("legacy").conditionalOperator(ConditionalOperator.AND)));
        assertAwsError("ValidationException", "ConditionalOperator cannot be used without Filter or Expected",
                () -> ddb.deleteItem(b -> b.tableName("legacy").key(item("pk", s("x"), "sk", s("x"))).conditionalOperator(ConditionalOperator.OR)));
        assertAwsError("ValidationException", "ConditionalOperator can only be used when Filter or Expected has two or more elements",
                () -> ddb.putItem(b -> b.tableName("legacy").item(item("pk", s("p"), "sk", s("c"))).conditionalOperator(ConditionalOperator.OR)
                        .expected(Map.of("n", ExpectedAttributeValue.builder().exists(false).build()))));
    }

    @Test
    void between_and_in_values_share_one_type_and_between_is_ordered() {
        String sameType = "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type";
        assertAwsError("ValidationException", sameType, () -> ddb.scan(b -> b.tableName("legacy").scanFilter(Map.of("n",
                Condition.builder().comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(n("1"), s("2")).build()))));
        assertAwsError("ValidationException", sameType, () -> ddb.scan(b -> b.tableName("legacy").scanFilter(Map.of("n",
                Condition.builder().comparisonOperator(ComparisonOperator.IN).attributeValueList(n("1"), n("2"), s("3")).build()))));
        assertAwsError("ValidationException", "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound",
                () -> ddb.scan(b -> b.tableName("legacy").scanFilter(Map.of("n",
                        Condition.builder().comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(n("5"), n("2")).build()))));
        assertAwsError("ValidationException", "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound",
                () -> ddb.query(b -> b.tableName("legacy").keyConditions(Map.of("pk", eq(s("p")), "sk",
                        Condition.builder().comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(s("z"), s("a")).build()))));
    }
}
