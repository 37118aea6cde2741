package io.tributary.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.model.StreamSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * GetRecords' JSON, read off the wire: records are written from their stored bytes, so every attribute type,
 * escapes and characters outside the BMP must come out exactly as GetItem writes the same item.
 */
class GetRecordsJsonTest {
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261127/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new StreamSettings(1, Duration.ofHours(4), Duration.ofHours(24), Duration.ofMinutes(1),
                Duration.ofMinutes(15)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode call(String target, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", target)
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode item(String key) throws Exception {
        return call("DynamoDB_20120810.GetItem", "{\"TableName\":\"records\",\"Key\":{\"pk\":{\"S\":\"" + key + "\"}}}").get("Item");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void records_carry_the_images_getitem_gives_in_aws_field_order() throws Exception {
        call("DynamoDB_20120810.CreateTable", """
                {"TableName":"records","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST",
                 "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}""");
        call("DynamoDB_20120810.PutItem", """
                {"TableName":"records","Item":{"pk":{"S":"k1"},
                 "text":{"S":"h\\u00e9llo \\"quoted\\" back\\\\slash\\ttab\\nline \\u0001 \\ud83d\\ude00"},
                 "n":{"N":"-12.50"},"big":{"N":"123456789012345678901234567890.5"},"b":{"B":"AAEC/w=="},
                 "t":{"BOOL":true},"z":{"NULL":true},
                 "l":{"L":[{"S":"x"},{"N":"1"},{"M":{"in":{"BOOL":false}}}]},
                 "m":{"M":{"deep":{"M":{"ss":{"SS":["a","b"]}}}}},
                 "ss":{"SS":["one","two"]},"ns":{"NS":["1","2.5"]},"bs":{"BS":["AQ==","Ag=="]}}}""");
        JsonNode first = item("k1");
        call("DynamoDB_20120810.UpdateItem", """
                {"TableName":"records","Key":{"pk":{"S":"k1"}},"UpdateExpression":"SET n = :v REMOVE z",
                 "ExpressionAttributeValues":{":v":{"N":"7"}}}""");
        JsonNode second = item("k1");
        call("DynamoDB_20120810.DeleteItem", "{\"TableName\":\"records\",\"Key\":{\"pk\":{\"S\":\"k1\"}}}");

        String arn = call("DynamoDBStreams_20120810.ListStreams", "{\"TableName\":\"records\"}").get("Streams").get(0).get("StreamArn").asText();
        JsonNode shards = call("DynamoDBStreams_20120810.DescribeStream", "{\"StreamArn\":\"" + arn + "\"}").get("StreamDescription").get("Shards");
        assertEquals(1, shards.size());
        String iterator = call("DynamoDBStreams_20120810.GetShardIterator", "{\"StreamArn\":\"" + arn + "\",\"ShardId\":\""
                + shards.get(0).get("ShardId").asText() + "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}").get("ShardIterator").asText();
        JsonNode records = call("DynamoDBStreams_20120810.GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}").get("Records");

        assertEquals(3, records.size(), records.toString());
        String[] events = {"INSERT", "MODIFY", "REMOVE"};
        JsonNode[][] images = {{first, null}, {second, first}, {null, second}};
        long now = System.currentTimeMillis() / 1000;
        String lastSequence = "";
        for (int i = 0; i < 3; i++) {
            JsonNode r = records.get(i);
            assertEquals(List.of("eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb"), fieldNames(r));
            assertTrue(r.get("eventID").asText().matches("[0-9a-f]{32}"), r.get("eventID").asText());
            assertEquals(events[i], r.get("eventName").asText());
            assertEquals("1.1", r.get("eventVersion").asText());
            assertEquals("aws:dynamodb", r.get("eventSource").asText());
            assertEquals("us-east-1", r.get("awsRegion").asText());

            JsonNode d = r.get("dynamodb");
            List<String> expected = new ArrayList<>(List.of("ApproximateCreationDateTime", "Keys"));
            if (images[i][0] != null) expected.add("NewImage");
            if (images[i][1] != null) expected.add("OldImage");
            expected.addAll(List.of("SequenceNumber", "SizeBytes", "StreamViewType"));
            assertEquals(expected, fieldNames(d));
            assertTrue(d.get("ApproximateCreationDateTime").isIntegralNumber());
            assertTrue(Math.abs(d.get("ApproximateCreationDateTime").asLong() - now) < 120);
            assertEquals(JSON.readTree("{\"pk\":{\"S\":\"k1\"}}"), d.get("Keys"));
            if (images[i][0] != null) assertEquals(images[i][0], d.get("NewImage"));
            if (images[i][1] != null) assertEquals(images[i][1], d.get("OldImage"));
            String sequence = d.get("SequenceNumber").asText();
            assertTrue(sequence.matches("\\d{21}"), sequence);
            assertTrue(sequence.compareTo(lastSequence) > 0, "sequence numbers grow");
            lastSequence = sequence;
            assertTrue(d.get("SizeBytes").isIntegralNumber() && d.get("SizeBytes").asInt() > 0);
            assertEquals("NEW_AND_OLD_IMAGES", d.get("StreamViewType").asText());
        }
        assertEquals("h\u00e9llo \"quoted\" back\\slash\ttab\nline \u0001 \uD83D\uDE00", first.get("text").get("S").asText());
    }
}
