package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class QueryScanTest extends ServerTest {

    @BeforeAll
    static void start() {
        createTable("numbers", ScalarAttributeType.N);
        createTable("strings", ScalarAttributeType.S);
        createTable("binaries", ScalarAttributeType.B);
    }

    static void createTable(String name, ScalarAttributeType sortType) {
        ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(sortType).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    static List<String> sortKeys(QueryResponse r) {
        return r.items().stream().map(i -> i.get("sk").n() != null ? i.get("sk").n() : i.get("sk").s()).toList();
    }

    @Test
    void numbers_sort_by_value_including_sign_and_fraction() {
        List<String> values = List.of("-1000", "-10.5", "-10", "-0.001", "0", "0.001", "1", "1.5", "9.99", "10", "100", "1E+30");
        for (String v : values) ddb.putItem(b -> b.tableName("numbers").item(Map.of("pk", s("p"), "sk", n(v))));
        QueryResponse r = ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        List<BigDecimal> got = r.items().stream().map(i -> new BigDecimal(i.get("sk").n())).toList();
        List<BigDecimal> expected = values.stream().map(BigDecimal::new).toList();
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < got.size(); i++) assertEquals(0, expected.get(i).compareTo(got.get(i)), "position " + i);

        r = ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :p AND sk BETWEEN :lo AND :hi")
                .scanIndexForward(false)
                .expressionAttributeValues(Map.of(":p", s("p"), ":lo", n("-10"), ":hi", n("1"))));
        assertEquals(List.of("1", "0.001", "0", "-0.001", "-10"), sortKeys(r));

        r = ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :p AND sk < :v")
                .expressionAttributeValues(Map.of(":p", s("p"), ":v", n("-10"))));
        assertEquals(List.of("-1000", "-10.5"), sortKeys(r));
        r = ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :p AND sk >= :v")
                .expressionAttributeValues(Map.of(":p", s("p"), ":v", n("10"))));
        assertEquals(List.of("10", "100", "1000000000000000000000000000000"), sortKeys(r));
        r = ddb.query(b -> b.tableName("numbers").keyConditionExpression(":v >= sk AND pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"), ":v", n("-10"))));
        assertEquals(List.of("-1000", "-10.5", "-10"), sortKeys(r));
    }

    @Test
    void strings_sort_by_utf8_bytes_and_begins_with_is_a_prefix_range() {
        List<String> values = List.of("A", "B", "a", "ab", "abc", "abd", "b", "z", "é", "中", "😀");
        for (String v : values) ddb.putItem(b -> b.tableName("strings").item(Map.of("pk", s("p"), "sk", s(v))));
        ddb.putItem(b -> b.tableName("strings").item(Map.of("pk", s("other"), "sk", s("ab"))));
        QueryResponse r = ddb.query(b -> b.tableName("strings").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertEquals(values, sortKeys(r));
        r = ddb.query(b -> b.tableName("strings").keyConditionExpression("pk = :p AND begins_with(sk, :pre)")
                .expressionAttributeValues(Map.of(":p", s("p"), ":pre", s("ab"))));
        assertEquals(List.of("ab", "abc", "abd"), sortKeys(r));
        r = ddb.query(b -> b.tableName("strings").keyConditionExpression("pk = :p AND sk > :v")
                .expressionAttributeValues(Map.of(":p", s("p"), ":v", s("ab"))));
        assertEquals(List.of("abc", "abd", "b", "z", "é", "中", "😀"), sortKeys(r));
    }

    @Test
    void binaries_sort_as_unsigned_bytes() {
        byte[][] values = {{0}, {0, 0}, {1}, {0x7F}, {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xFF, 0}};
        for (int i = values.length - 1; i >= 0; i--) {
            byte[] v = values[i];
            ddb.putItem(b -> b.tableName("binaries").item(Map.of("pk", s("p"), "sk", AttributeValue.builder().b(SdkBytes.fromByteArray(v)).build())));
        }
        QueryResponse r = ddb.query(b -> b.tableName("binaries").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertEquals(values.length, r.count());
        for (int i = 0; i < values.length; i++) assertArrayEquals(values[i], r.items().get(i).get("sk").b().asByteArray());
    }

    @Test
    void limit_and_exclusive_start_key_page_through_a_partition_both_ways() {
        for (int i = 0; i < 25; i++) {
            int v = i;
            ddb.putItem(b -> b.tableName("numbers").item(Map.of("pk", s("paged"), "sk", n(Integer.toString(v)), "odd", n(Integer.toString(v % 2)))));
        }
        for (boolean forward : List.of(true, false)) {
            List<String> seen = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            int pages = 0;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse r = ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :p").limit(10)
                        .scanIndexForward(forward).exclusiveStartKey(from)
                        .expressionAttributeValues(Map.of(":p", s("paged"))));
                seen.addAll(sortKeys(r));
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
                pages++;
            } while (start != null);
            assertEquals(3, pages);
            assertEquals(25, seen.size());
            assertEquals(forward ? "0" : "24", seen.get(0));
            assertEquals(forward ? "24" : "0", seen.get(24));
        }
        // the filter applies after the limit: 10 read, 5 returned
        QueryResponse r = ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :p").limit(10)
                .filterExpression("odd = :one")
                .expressionAttributeValues(Map.of(":p", s("paged"), ":one", n("1"))));
        assertEquals(10, r.scannedCount());
        assertEquals(5, r.count());
        assertEquals(Map.of("pk", s("paged"), "sk", n("9")), r.lastEvaluatedKey());

        QueryResponse count = ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :p").select(Select.COUNT)
                .expressionAttributeValues(Map.of(":p", s("paged"))));
        assertEquals(25, count.count());
        assertFalse(count.hasItems());

        QueryResponse projected = ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :p AND sk = :v")
                .projectionExpression("odd").expressionAttributeValues(Map.of(":p", s("paged"), ":v", n("3"))));
        assertEquals(List.of(Map.of("odd", n("1"))), projected.items());
    }

    @Test
    void a_page_stops_at_one_megabyte_before_the_filter() {
        ddb.createTable(b -> b.tableName("big")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        String payload = "x".repeat(300 * 1024);
        for (int i = 0; i < 10; i++) {
            int v = i;
            ddb.putItem(b -> b.tableName("big").item(Map.of("pk", s("p"), "sk", n(Integer.toString(v)), "data", s(payload))));
        }
        int total = 0, pages = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = ddb.query(b -> b.tableName("big").keyConditionExpression("pk = :p").exclusiveStartKey(from)
                    .filterExpression("attribute_not_exists(nothing)")
                    .expressionAttributeValues(Map.of(":p", s("p"))));
            assertTrue(r.scannedCount() <= 4, "a page reads about 1 MB: " + r.scannedCount());
            total += r.count();
            pages++;
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        assertEquals(10, total);
        assertTrue(pages >= 3);

        ScanResponse scan = ddb.scan(b -> b.tableName("big"));
        assertTrue(scan.hasLastEvaluatedKey() && !scan.lastEvaluatedKey().isEmpty());
        assertTrue(scan.count() < 10);
    }

    @Test
    void parallel_scan_with_four_segments_sees_every_item_exactly_once() {
        ddb.createTable(b -> b.tableName("scanned")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        for (int i = 0; i < 500; i++) {
            String id = "item-" + i;
            ddb.putItem(b -> b.tableName("scanned").item(Map.of("id", s(id), "n", n("1"))));
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            int seg = segment;
            Map<String, AttributeValue> start = null;
            int inSegment = 0;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse r = ddb.scan(b -> b.tableName("scanned").segment(seg).totalSegments(4).limit(37).exclusiveStartKey(from));
                for (Map<String, AttributeValue> item : r.items()) assertTrue(seen.add(item.get("id").s()));
                inSegment += r.count();
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
            assertTrue(inSegment > 0, "segment " + seg + " is not empty");
            total += inSegment;
        }
        assertEquals(500, total);
        assertEquals(500, seen.size());
        assertEquals(500, ddb.scan(b -> b.tableName("scanned").select(Select.COUNT)).count());
    }

    @Test
    void key_condition_mistakes_get_aws_errors() {
        assertEquals("Query condition missed key schema element: pk", error(() -> ddb.query(b -> b.tableName("numbers")
                .keyConditionExpression("sk = :v").expressionAttributeValues(Map.of(":v", n("1"))))));
        assertEquals("Query key condition not supported", error(() -> ddb.query(b -> b.tableName("numbers")
                .keyConditionExpression("pk < :v").expressionAttributeValues(Map.of(":v", s("1"))))));
        assertEquals("Query key condition not supported", error(() -> ddb.query(b -> b.tableName("numbers")
                .keyConditionExpression("pk = :v AND extra = :v").expressionAttributeValues(Map.of(":v", s("1"))))));
        assertEquals("KeyConditionExpressions must only contain one condition per key", error(() -> ddb.query(b -> b.tableName("numbers")
                .keyConditionExpression("pk = :v AND pk = :v").expressionAttributeValues(Map.of(":v", s("1"))))));
        assertEquals("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR", error(() -> ddb.query(b -> b.tableName("numbers")
                .keyConditionExpression("pk = :v OR pk = :w").expressionAttributeValues(Map.of(":v", s("1"), ":w", s("2"))))));
        assertEquals("One or more parameter values were invalid: Condition parameter type does not match schema type",
                error(() -> ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :v")
                        .expressionAttributeValues(Map.of(":v", n("1"))))));
        assertEquals("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
                error(() -> ddb.query(b -> b.tableName("numbers"))));
        assertEquals("The table does not have the specified index: nope", error(() -> ddb.query(b -> b.tableName("numbers").indexName("nope")
                .keyConditionExpression("pk = :v").expressionAttributeValues(Map.of(":v", s("1"))))));
        assertEquals("The provided starting key is invalid: The provided key element does not match the schema",
                error(() -> ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :v")
                        .exclusiveStartKey(Map.of("pk", s("1"))).expressionAttributeValues(Map.of(":v", s("1"))))));
        assertEquals("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not less than TotalSegments: 4",
                error(() -> ddb.scan(b -> b.tableName("numbers").segment(4).totalSegments(4))));
        assertEquals("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
                error(() -> ddb.query(b -> b.tableName("numbers").keyConditionExpression("pk = :v").filterExpression("sk > :n")
                        .expressionAttributeValues(Map.of(":v", s("1"), ":n", n("1"))))));
        assertThrows(ResourceNotFoundException.class, () -> ddb.scan(b -> b.tableName("missing")));
    }

    static String error(Runnable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }
}
