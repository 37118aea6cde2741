package io.tributary.server;

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
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;

import static org.junit.jupiter.api.Assertions.*;

/** The HTTP layer as AWS's: compressed answers and requests, the 16 MB limit, the Date header, CORS. */
class HttpConformanceTest extends ServerTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void fill() {
        table("http");
        for (int i = 0; i < 20; i++) {
            int n = i;
            ddb.putItem(b -> b.tableName("http").item(item("pk", s("item" + n), "text", s("x".repeat(500)))));
        }
    }

    static HttpRequest.Builder post(String action, byte[] body) {
        return HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + action)
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] scanBody() {
        return "{\"TableName\":\"http\"}".getBytes(StandardCharsets.UTF_8);
    }

    static long crc(byte[] bytes) {
        CRC32 c = new CRC32();
        c.update(bytes);
        return c.getValue();
    }

    @Test
    void answers_over_4_kb_are_compressed_as_accept_encoding_allows() throws Exception {
        HttpResponse<byte[]> gzip = send(post("Scan", scanBody()).header("Accept-Encoding", "gzip"));
        assertEquals(200, gzip.statusCode());
        assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals(Long.toString(crc(gzip.body())), gzip.headers().firstValue("x-amz-crc32").orElseThrow(), "checksum of the bytes as sent");
        String text = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(20, JSON.readTree(text).get("Count").asInt());

        HttpResponse<byte[]> deflate = send(post("Scan", scanBody()).header("Accept-Encoding", "gzip;q=0.5, deflate;q=0.9"));
        assertEquals("deflate", deflate.headers().firstValue("Content-Encoding").orElse(null));
        String inflated = new String(new InflaterInputStream(new java.io.ByteArrayInputStream(deflate.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(20, JSON.readTree(inflated).get("Count").asInt());

        HttpResponse<byte[]> refused = send(post("Scan", scanBody()).header("Accept-Encoding", "gzip;q=0, identity"));
        assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
        HttpResponse<byte[]> small = send(post("ListTables", "{}".getBytes(StandardCharsets.UTF_8)).header("Accept-Encoding", "gzip"));
        assertTrue(small.headers().firstValue("Content-Encoding").isEmpty(), "answers of 4 KB or less go as they are");
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    static boolean stored(String key) {
        return ddb.getItem(b -> b.tableName("http").key(item("pk", s(key))).consistentRead(true)).hasItem();
    }

    @Test
    void compressed_requests_are_decoded_and_bad_ones_write_nothing() throws Exception {
        byte[] put = "{\"TableName\":\"http\",\"Item\":{\"pk\":{\"S\":\"gz\"}}}".getBytes(StandardCharsets.UTF_8);
        int half = put.length / 2;
        ByteArrayOutputStream twoMembers = new ByteArrayOutputStream();
        twoMembers.write(gzip(java.util.Arrays.copyOfRange(put, 0, half)));
        twoMembers.write(gzip(java.util.Arrays.copyOfRange(put, half, put.length)));
        assertEquals(200, send(post("PutItem", twoMembers.toByteArray()).header("Content-Encoding", "gzip")).statusCode());
        assertTrue(stored("gz"));

        byte[] putDeflate = "{\"TableName\":\"http\",\"Item\":{\"pk\":{\"S\":\"df\"}}}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(deflated)) {
            z.write(putDeflate);
        }
        assertEquals(200, send(post("PutItem", deflated.toByteArray()).header("Content-Encoding", "deflate")).statusCode());
        assertTrue(stored("df"));

        byte[] putBr = "{\"TableName\":\"http\",\"Item\":{\"pk\":{\"S\":\"br\"}}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(415, send(post("PutItem", putBr).header("Content-Encoding", "br")).statusCode());
        assertFalse(stored("br"));
        byte[] corrupt = gzip("{\"TableName\":\"http\",\"Item\":{\"pk\":{\"S\":\"bad\"}}}".getBytes(StandardCharsets.UTF_8));
        corrupt[corrupt.length / 2] ^= 0x55;
        corrupt[corrupt.length - 3] ^= 0x55;
        HttpResponse<byte[]> bad = send(post("PutItem", corrupt).header("Content-Encoding", "gzip"));
        assertEquals(400, bad.statusCode(), new String(bad.body(), StandardCharsets.UTF_8));
        assertFalse(stored("bad"));
    }

    @Test
    void bodies_over_16_mb_are_refused_with_413() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n"
                    + "Authorization: " + AUTH + "\r\nContent-Length: " + (16 * 1024 * 1024 + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(statusLine(socket.getInputStream()).startsWith("HTTP/1.1 413"));
        }
        byte[] zeros = new byte[17 * 1024 * 1024];
        HttpResponse<byte[]> inflated = send(post("PutItem", gzip(zeros)).header("Content-Encoding", "gzip"));
        assertEquals(413, inflated.statusCode(), "over 16 MB once decompressed");
    }

    static String statusLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) line.append((char) c);
        return line.toString().trim();
    }

    @Test
    void every_answer_carries_a_date_header() throws Exception {
        HttpResponse<byte[]> ok = send(post("ListTables", "{}".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<byte[]> error = send(post("DescribeTable", "{\"TableName\":\"nosuchtable\"}".getBytes(StandardCharsets.UTF_8)));
        for (HttpResponse<byte[]> r : java.util.List.of(ok, error)) {
            String date = r.headers().firstValue("Date").orElseThrow();
            java.time.ZonedDateTime parsed = java.time.ZonedDateTime.parse(date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
            assertTrue(Math.abs(parsed.toInstant().getEpochSecond() - java.time.Instant.now().getEpochSecond()) < 60, date);
        }
    }

    @Test
    void browsers_get_cors_headers_and_preflights_are_answered() throws Exception {
        HttpResponse<byte[]> r = send(post("ListTables", "{}".getBytes(StandardCharsets.UTF_8)).header("Origin", "http://localhost:3000"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        assertTrue(r.headers().firstValue("Access-Control-Expose-Headers").orElse("").toLowerCase().contains("x-amzn-requestid"));

        HttpResponse<byte[]> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-amz-target,x-amz-date,authorization")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        String allowed = preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase();
        for (String h : new String[] {"content-type", "x-amz-target", "x-amz-date", "authorization"}) assertTrue(allowed.contains(h), allowed);
    }
}
