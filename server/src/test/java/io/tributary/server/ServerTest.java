package io.tributary.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import org.junit.jupiter.api.function.Executable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Base of the integration tests: one real server per test class on a random port, the SDK clients
 * talking to it, and the attribute-value helpers every test needs.
 */
public abstract class ServerTest {
    protected static TestServer server;
    protected static DynamoDbClient ddb;
    protected static DynamoDbStreamsClient streams;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        ddb = server.client();
        streams = server.streamsClient();
    }

    @AfterAll
    static void stopServer() {
        streams.close();
        ddb.close();
        server.close();
    }

    protected static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    protected static AttributeValue n(String v) {
        return AttributeValue.builder().n(v).build();
    }

    protected static AttributeValue b(byte[] v) {
        return AttributeValue.builder().b(SdkBytes.fromByteArray(v)).build();
    }

    protected static AttributeValue l(AttributeValue... v) {
        return AttributeValue.builder().l(v).build();
    }

    protected static AttributeValue ss(String... v) {
        return AttributeValue.builder().ss(v).build();
    }

    protected static AttributeValue ns(String... v) {
        return AttributeValue.builder().ns(v).build();
    }

    protected static AttributeValue m(Map<String, AttributeValue> v) {
        return AttributeValue.builder().m(v).build();
    }

    /** An item from name, value pairs, in order. */
    protected static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        return item;
    }

    /** An on-demand table keyed by the string attribute "pk" (and, if given, the string sort key "sk"). */
    protected static void table(String name, String... sortKey) {
        ddb.createTable(b -> {
            b.tableName(name).billingMode("PAY_PER_REQUEST");
            if (sortKey.length == 0) {
                b.attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                        .keySchema(k -> k.attributeName("pk").keyType("HASH"));
            } else {
                b.attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName(sortKey[0]).attributeType("S"))
                        .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName(sortKey[0]).keyType("RANGE"));
            }
        });
    }

    /** Asserts that the call fails with AWS's error code and exactly this message (null: any message); returns the exception. */
    public static AwsServiceException assertAwsError(String code, String message, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
        if (message != null) assertEquals(message, e.awsErrorDetails().errorMessage());
        return e;
    }

    protected static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261124/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    protected static final ObjectMapper JSON = new ObjectMapper();

    /** A request sent by hand, for what the SDKs would never send (a missing member, unpadded base64). */
    protected static HttpResponse<String> raw(String action, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", (action.startsWith("Streams.") ? "DynamoDBStreams_20120810." + action.substring(8) : "DynamoDB_20120810." + action))
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts a hand-sent request failed with HTTP 400, this error type and (unless null) this message. */
    protected static void assertRawError(String type, String message, HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        String shownType = error.get("__type").asText();
        assertEquals(type, shownType.substring(shownType.indexOf('#') + 1), response.body());
        if (message != null) assertEquals(message, error.get("message").asText(), response.body());
    }

    protected static List<String> names(Map<String, AttributeValue> item) {
        return List.copyOf(item.keySet());
    }
}
