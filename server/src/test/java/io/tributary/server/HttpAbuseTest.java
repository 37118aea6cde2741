package io.tributary.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The HTTP layer under abuse, on a server with short timeouts and a 1 MB budget for request bodies: malformed
 * requests are answered 400 and the connection closed, slow clients time out, a half-closed client still gets
 * its answer, and bodies past the budget are refused with a retryable error instead of the connection reset.
 */
class HttpAbuseTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long BUDGET = 1 << 20;
    static TestServer server;
    static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        server = TestServer.start(new HttpLimits(Duration.ofMillis(1500), Duration.ofMillis(700), Duration.ofMillis(700), BUDGET));
        ddb = server.client();
        TestServer.createHashTable(ddb, "abuse", "pk");
    }

    @AfterAll
    static void stop() {
        ddb.close();
        server.close();
    }

    /** What came back on a connection: the bytes read and whether the server closed it. */
    record Reply(String text, boolean closed) {
        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        JsonNode body() throws IOException {
            return JSON.readTree(text.substring(text.indexOf("\r\n\r\n") + 4));
        }

        String errorType() throws IOException {
            String type = body().get("__type").asText();
            return type.substring(type.indexOf('#') + 1);
        }
    }

    /** Reads one answer (by its Content-Length), then waits up to {@code closeWait} for the server to close. */
    static Reply read(Socket socket, Duration closeWait) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int headerEnd = -1;
        int length = -1;
        while (true) {
            if (headerEnd >= 0 && got.size() >= headerEnd + length) break;
            int c = in.read();
            if (c < 0) return new Reply(got.toString(StandardCharsets.UTF_8), true);
            got.write(c);
            String text = got.toString(StandardCharsets.ISO_8859_1);
            if (headerEnd < 0 && text.endsWith("\r\n\r\n")) {
                headerEnd = got.size();
                String lower = text.toLowerCase();
                int at = lower.indexOf("content-length:");
                length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
            }
        }
        socket.setSoTimeout((int) closeWait.toMillis());
        try {
            return new Reply(got.toString(StandardCharsets.UTF_8), in.read() < 0);
        } catch (SocketTimeoutException e) {
            return new Reply(got.toString(StandardCharsets.UTF_8), false);
        }
    }

    static String request(String action, String body) {
        return head(action, body.getBytes(StandardCharsets.UTF_8).length) + body;
    }

    static String head(String action, long contentLength) {
        return "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810." + action
                + "\r\nAuthorization: " + ServerTest.AUTH + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static Socket connect() throws IOException {
        return new Socket("127.0.0.1", server.port());
    }

    @Test
    void a_content_length_that_is_not_a_number_is_answered_400_and_the_connection_closed() throws Exception {
        try (Socket s = connect()) {
            send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n\r\n{}");
            Reply reply = read(s, Duration.ofSeconds(5));
            assertEquals(400, reply.status(), reply.text());
            assertEquals("SerializationException", reply.errorType());
            assertTrue(reply.closed());
        }
    }

    @Test
    void a_garbage_request_line_is_answered_400_and_the_connection_closed() throws Exception {
        for (String garbage : List.of("GARBAGE\r\n\r\n", "\u0001\u0002\u0003 / HTTP/1.1\r\n\r\n", "POST / HTTP/9.9\r\nHost: x\r\n\r\n")) {
            try (Socket s = connect()) {
                send(s, garbage);
                Reply reply = read(s, Duration.ofSeconds(5));
                assertEquals(400, reply.status(), reply.text());
                assertTrue(reply.closed(), garbage);
            }
        }
    }

    @Test
    void headers_past_the_limit_are_refused() throws Exception {
        try (Socket s = connect()) {
            send(s, "POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n");
            Reply reply = read(s, Duration.ofSeconds(5));
            assertEquals(431, reply.status(), reply.text());
            assertTrue(reply.closed());
        }
    }

    @Test
    void text_after_the_json_body_is_a_serialization_error() throws Exception {
        try (Socket s = connect()) {
            send(s, request("ListTables", "{} junk"));
            Reply reply = read(s, Duration.ofMillis(100));
            assertEquals(400, reply.status(), reply.text());
            assertEquals("SerializationException", reply.errorType());
        }
    }

    @Test
    void a_client_that_stops_inside_its_headers_gets_408_and_is_disconnected() throws Exception {
        try (Socket s = connect()) {
            send(s, "POST / HTTP/1.1\r\nHost: x\r\n");
            Reply reply = read(s, Duration.ofSeconds(5));
            assertEquals(408, reply.status(), reply.text());
            assertTrue(reply.closed());
        }
    }

    @Test
    void a_client_that_stops_inside_its_body_gets_408_and_is_disconnected() throws Exception {
        try (Socket s = connect()) {
            send(s, head("PutItem", 100) + "{\"TableName\":");
            Reply reply = read(s, Duration.ofSeconds(5));
            assertEquals(408, reply.status(), reply.text());
            assertTrue(reply.closed());
        }
    }

    @Test
    void a_body_sent_slowly_but_steadily_is_read() throws Exception {
        String body = "{\"TableName\":\"abuse\",\"Item\":{\"pk\":{\"S\":\"slow\"}}}";
        try (Socket s = connect()) {
            send(s, head("PutItem", body.length()));
            for (char c : body.toCharArray()) {
                send(s, String.valueOf(c));
                Thread.sleep(40); // the whole body takes longer than the body timeout, no pause does
            }
            Reply reply = read(s, Duration.ofMillis(100));
            assertEquals(200, reply.status(), reply.text());
        }
        assertTrue(ddb.getItem(b -> b.tableName("abuse").key(java.util.Map.of("pk", ServerTest.s("slow")))).hasItem());
    }

    @Test
    void an_idle_connection_is_closed_after_the_idle_timeout_and_a_busy_one_is_not() throws Exception {
        try (Socket s = connect()) {
            for (int i = 0; i < 4; i++) {
                Thread.sleep(500);
                send(s, request("ListTables", "{}"));
                Reply reply = read(s, Duration.ofMillis(10));
                assertEquals(200, reply.status());
                assertFalse(reply.closed());
            }
            s.setSoTimeout(5_000);
            long start = System.nanoTime();
            assertEquals(-1, s.getInputStream().read(), "closed without an answer");
            assertTrue(System.nanoTime() - start >= 1_000_000_000L, "not before the idle timeout");
        }
    }

    @Test
    void a_client_that_half_closes_after_a_write_still_gets_its_answer() throws Exception {
        try (Socket s = connect()) {
            send(s, request("PutItem", "{\"TableName\":\"abuse\",\"Item\":{\"pk\":{\"S\":\"half\"}}}"));
            s.shutdownOutput();
            Reply reply = read(s, Duration.ofSeconds(5));
            assertEquals(200, reply.status(), reply.text());
            assertTrue(reply.closed());
        }
        try (Socket s = connect()) {
            send(s, request("ListTables", "{}"));
            s.shutdownOutput();
            Reply reply = read(s, Duration.ofSeconds(5));
            assertEquals(200, reply.status(), reply.text());
            assertTrue(reply.closed());
        }
    }

    @Test
    void a_body_over_16_mb_is_refused_before_it_is_sent_when_the_client_waits_for_continue() throws Exception {
        try (Socket s = connect()) {
            send(s, head("PutItem", 17L << 20).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n"));
            Reply reply = read(s, Duration.ofSeconds(5));
            assertEquals(413, reply.status(), reply.text());
            assertTrue(reply.closed());
        }
    }

    @Test
    void bodies_past_the_memory_budget_get_a_retryable_throttling_error_and_the_connection_stays_usable() throws Exception {
        try (Socket holder = connect(); Socket other = connect()) {
            // the holder's announced body takes most of the budget while it trickles in
            send(holder, head("PutItem", BUDGET - 1000) + "{");
            Thread.sleep(100);
            String big = "{\"TableName\":\"abuse\",\"Item\":{\"pk\":{\"S\":\"big\"},\"d\":{\"S\":\"" + "x".repeat(5000) + "\"}}}";
            send(other, request("PutItem", big));
            Reply refused = read(other, Duration.ofMillis(100));
            assertEquals(400, refused.status(), refused.text());
            assertEquals("ThrottlingException", refused.errorType());
            assertFalse(refused.closed());
            send(other, request("ListTables", "{}"));
            assertEquals(200, read(other, Duration.ofMillis(10)).status(), "the refused body was read past, not taken for a request");
        }
        // the holder's connection is gone, and with it its share of the budget
        Thread.sleep(200);
        ddb.putItem(b -> b.tableName("abuse").item(java.util.Map.of("pk", ServerTest.s("after"), "d", ServerTest.s("x".repeat(5000)))));
    }

    /** A preflight is answered before its end is read; the share of each request after it still comes back with its answer. */
    @Test
    void the_budget_comes_back_with_each_answer_after_a_cors_preflight_too() throws Exception {
        // over the item limit, so each is refused by PutItem itself, but only after its 600 KB were let in
        String big = "{\"TableName\":\"abuse\",\"Item\":{\"pk\":{\"S\":\"pre\"},\"d\":{\"S\":\"" + "z".repeat(600_000) + "\"}}}";
        try (Socket browser = connect(); Socket other = connect()) {
            send(browser, "OPTIONS / HTTP/1.1\r\nHost: x\r\nOrigin: http://example.com\r\nAccess-Control-Request-Method: POST\r\n\r\n");
            assertEquals(200, read(browser, Duration.ofMillis(10)).status());
            for (int i = 0; i < 2; i++) {
                send(browser, request("PutItem", big));
                assertEquals("ValidationException", read(browser, Duration.ofMillis(10)).errorType());
            }
            // the browser's connection stays open: a share of it not given back would leave no room for this one
            send(other, request("PutItem", big));
            assertEquals("ValidationException", read(other, Duration.ofMillis(10)).errorType());
        }
    }

    @Test
    void a_dozen_uploads_over_16_mb_at_once_each_get_413_not_a_reset() throws Exception {
        byte[] body = new byte[(16 << 20) + 4096];
        java.util.Arrays.fill(body, (byte) 'x');
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                replies.add(pool.submit(() -> {
                    try (Socket s = connect()) {
                        send(s, head("PutItem", body.length));
                        s.getOutputStream().write(body);
                        s.getOutputStream().flush();
                        return read(s, Duration.ofMillis(10));
                    }
                }));
            }
            for (Future<Reply> f : replies) {
                Reply reply = f.get();
                assertEquals(413, reply.status(), reply.text());
                assertEquals("ValidationException", reply.errorType());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void many_large_uploads_at_once_each_get_an_answer_not_a_reset() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                replies.add(pool.submit(() -> {
                    String body = "{\"TableName\":\"abuse\",\"Item\":{\"pk\":{\"S\":\"up\"},\"d\":{\"S\":\"" + "y".repeat(600_000) + "\"}}}";
                    try (Socket s = connect()) {
                        send(s, request("PutItem", body));
                        return read(s, Duration.ofMillis(10));
                    }
                }));
            }
            for (Future<Reply> f : replies) {
                Reply reply = f.get();
                assertEquals(400, reply.status(), reply.text());
                String type = reply.errorType();
                assertTrue(type.equals("ThrottlingException") || type.equals("ValidationException"), type);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
