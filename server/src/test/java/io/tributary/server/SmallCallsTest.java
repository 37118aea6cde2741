package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** DescribeEndpoints, DescribeLimits, tagging, and the legacy parameters older code still sends. */
class SmallCallsTest extends ServerTest {
    static String arn;

    @BeforeAll
    static void start() {
        arn = ddb.createTable(b -> b.tableName("legacy")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .tags(Tag.builder().key("team").value("cdc").build())).tableDescription().tableArn();
    }

    @Test
    void endpoints_and_limits() {
        Endpoint e = ddb.describeEndpoints(b -> { }).endpoints().get(0);
        assertEquals("127.0.0.1:" + server.port(), e.address());
        assertEquals(1440L, e.cachePeriodInMinutes());
        DescribeLimitsResponse limits = ddb.describeLimits(b -> { });
        assertEquals(40000L, limits.tableMaxReadCapacityUnits());
        assertEquals(80000L, limits.accountMaxWriteCapacityUnits());
    }

    @Test
    void tags_are_added_listed_and_removed() {
        assertEquals(List.of(Tag.builder().key("team").value("cdc").build()), ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags());
        ddb.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("test").build(), Tag.builder().key("team").value("data").build()));
        List<Tag> tags = ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags();
        assertEquals(2, tags.size());
        assertTrue(tags.contains(Tag.builder().key("team").value("data").build()));
        ddb.untagResource(b -> b.resourceArn(arn).tagKeys("team", "absent"));
        assertEquals(List.of(Tag.builder().key("env").value("test").build()), ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags());
        assertThrows(ResourceNotFoundException.class, () -> ddb.listTagsOfResource(b -> b.resourceArn(arn.replace("legacy", "missing"))));
    }

    @Test
    void legacy_parameters_work_like_their_expressions() {
        ddb.putItem(b -> b.tableName("legacy").item(Map.of("pk", s("p"), "sk", n("1"), "count", n("1"), "tags", AttributeValue.builder().ss("a", "b").build()))
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build())));
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(b -> b.tableName("legacy").item(Map.of("pk", s("p"), "sk", n("1")))
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))));

        UpdateItemResponse u = ddb.updateItem(b -> b.tableName("legacy").key(Map.of("pk", s("p"), "sk", n("1")))
                .attributeUpdates(Map.of(
                        "count", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("2")).build(),
                        "tags", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(AttributeValue.builder().ss("a").build()).build(),
                        "note", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("hi")).build()))
                .expected(Map.of("count", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.LT)
                        .attributeValueList(n("5")).build()))
                .returnValues(ReturnValue.ALL_NEW));
        assertEquals(n("3"), u.attributes().get("count"));
        assertEquals(List.of("b"), u.attributes().get("tags").ss());
        assertEquals(s("hi"), u.attributes().get("note"));

        for (int i = 2; i <= 5; i++) {
            String sk = Integer.toString(i);
            ddb.putItem(b -> b.tableName("legacy").item(Map.of("pk", s("p"), "sk", n(sk), "count", n(sk))));
        }
        QueryResponse q = ddb.query(b -> b.tableName("legacy")
                .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("p")).build(),
                        "sk", Condition.builder().comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(n("2"), n("5")).build()))
                .queryFilter(Map.of("count", Condition.builder().comparisonOperator(ComparisonOperator.GE).attributeValueList(n("4")).build()))
                .attributesToGet("sk"));
        assertEquals(List.of(Map.of("sk", n("4")), Map.of("sk", n("5"))), q.items());
        assertEquals(4, q.scannedCount());

        ScanResponse scan = ddb.scan(b -> b.tableName("legacy").conditionalOperator(ConditionalOperator.OR)
                .scanFilter(Map.of("note", Condition.builder().comparisonOperator(ComparisonOperator.NOT_NULL).build(),
                        "count", Condition.builder().comparisonOperator(ComparisonOperator.IN).attributeValueList(n("2"), n("5")).build())));
        assertEquals(3, scan.count());

        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.putItem(b -> b.tableName("legacy")
                .item(Map.of("pk", s("p"), "sk", n("9"))).conditionExpression("attribute_not_exists(pk)")
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))));
        assertEquals("Can not use both expression and non-expression parameters in the same request: "
                + "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}", e.awsErrorDetails().errorMessage());
    }
}
