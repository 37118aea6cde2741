package io.tributary.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.*;

/** The AWS JSON 1.0 wire protocol, spoken by hand: headers, checksums, error shapes. */
class ProtocolTest {
    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261124/eu-central-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0123456789abcdef";
    static TestServer server;
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(String target, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) b.header("X-Amz-Target", target);
        if (authorization != null) b.header("Authorization", authorization);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode error(HttpResponse<String> r) throws Exception {
        assertEquals(400, r.statusCode());
        return json.readTree(r.body());
    }

    @Test
    void responses_carry_request_id_and_crc32_of_the_body() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.ListTables", "{}", AUTH);
        assertEquals(200, r.statusCode());
        assertEquals("application/x-amz-json-1.0", r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.headers().firstValue("x-amzn-RequestId").orElseThrow().length() > 20);
        CRC32 crc = new CRC32();
        crc.update(r.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(Long.toString(crc.getValue()), r.headers().firstValue("x-amz-crc32").orElseThrow());
        assertTrue(json.readTree(r.body()).get("TableNames").isArray());
    }

    @Test
    void an_empty_answer_carries_the_crc32_and_length_of_its_two_bytes() throws Exception {
        assertEquals(200, post("DynamoDB_20120810.CreateTable", """
                {"TableName": "protocol_empty_answer", "BillingMode": "PAY_PER_REQUEST",
                 "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}""", AUTH).statusCode());
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = post("DynamoDB_20120810.PutItem",
                    "{\"TableName\": \"protocol_empty_answer\", \"Item\": {\"pk\": {\"S\": \"a\"}}}", AUTH);
            assertEquals(200, r.statusCode());
            assertEquals("{}", r.body());
            assertEquals("2", r.headers().firstValue("Content-Length").orElseThrow());
            CRC32 crc = new CRC32();
            crc.update(r.body().getBytes(StandardCharsets.UTF_8));
            assertEquals(Long.toString(crc.getValue()), r.headers().firstValue("x-amz-crc32").orElseThrow());
        }
    }

    @Test
    void unsigned_requests_are_rejected() throws Exception {
        JsonNode e = error(post("DynamoDB_20120810.ListTables", "{}", null));
        assertEquals("com.amazon.coral.service#MissingAuthenticationTokenException", e.get("__type").asText());
        assertEquals("Request is missing Authentication Token", e.get("message").asText());
    }

    @Test
    void malformed_json_is_a_serialization_exception() throws Exception {
        JsonNode e = error(post("DynamoDB_20120810.ListTables", "{not json", AUTH));
        assertEquals("com.amazon.coral.service#SerializationException", e.get("__type").asText());
        e = error(post("DynamoDB_20120810.DescribeTable", "{\"TableName\": 12}", AUTH));
        assertEquals("com.amazon.coral.service#SerializationException", e.get("__type").asText());
    }

    @Test
    void unknown_operations_are_rejected() throws Exception {
        JsonNode e = error(post("DynamoDB_20120810.FlyToTheMoon", "{}", AUTH));
        assertEquals("com.amazon.coral.service#UnknownOperationException", e.get("__type").asText());
        e = error(post(null, "{}", AUTH));
        assertEquals("com.amazon.coral.service#UnknownOperationException", e.get("__type").asText());
    }

    @Test
    void error_types_are_namespaced_like_aws() throws Exception {
        JsonNode e = error(post("DynamoDB_20120810.DescribeTable", "{\"TableName\": \"nothere\"}", AUTH));
        assertEquals("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", e.get("__type").asText());
        assertEquals("Requested resource not found: Table: nothere not found", e.get("message").asText());
        e = error(post("DynamoDB_20120810.DescribeTable", "{}", AUTH));
        assertEquals("com.amazon.coral.validate#ValidationException", e.get("__type").asText());
        assertEquals("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
                e.get("message").asText());
    }

    @Test
    void arns_use_the_signing_region() throws Exception {
        String create = "{\"TableName\":\"wire\",\"AttributeDefinitions\":[{\"AttributeName\":\"k\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"k\",\"KeyType\":\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}";
        HttpResponse<String> r = post("DynamoDB_20120810.CreateTable", create, AUTH);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("arn:aws:dynamodb:eu-central-1:000000000000:table/wire",
                json.readTree(r.body()).get("TableDescription").get("TableArn").asText());
    }

    @Test
    void connections_are_kept_alive_across_requests() throws Exception {
        for (int i = 0; i < 50; i++) {
            assertEquals(200, post("DynamoDB_20120810.ListTables", "{}", AUTH).statusCode());
        }
    }

    @Test
    void health_check_answers_get() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("healthy"));
    }

    @Test
    void pipelined_requests_are_answered_in_the_order_they_were_sent() throws Exception {
        post("DynamoDB_20120810.CreateTable", """
                {"TableName":"pipelined","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}""", AUTH);
        // A write's answer waits for its sync; the read sent behind it on the same connection must not overtake it.
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            requests.append(raw("PutItem", "{\"TableName\":\"pipelined\",\"Item\":{\"pk\":{\"S\":\"k\"},\"n\":{\"N\":\"" + i + "\"}}}"));
            requests.append(raw("GetItem", "{\"TableName\":\"pipelined\",\"Key\":{\"pk\":{\"S\":\"k\"}}}"));
        }
        URI endpoint = server.endpoint();
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 20; i++) {
                assertEquals("{}", readAnswer(in), "answer to PutItem " + i);
                assertEquals(i, json.readTree(readAnswer(in)).get("Item").get("n").get("N").asInt(), "answer to GetItem " + i);
            }
        }
    }

    private static String raw(String action, String body) {
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810." + action + "\r\nAuthorization: " + AUTH + "\r\n"
                + "Content-Length: " + length + "\r\n\r\n" + body;
    }

    /** One HTTP answer's body, read by its Content-Length. */
    private static String readAnswer(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertNotEquals(-1, b, "connection closed before the answer");
            head.write(b);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
