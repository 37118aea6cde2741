package io.tributary.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tributary.server.ServerTest.assertAwsError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * With a credentials file, every request's SigV4 signature is verified and each key reaches only its tables,
 * with AWS's errors: UnrecognizedClientException, InvalidSignatureException (wrong secret, a stale date, a body
 * changed after signing), AccessDeniedException.
 */
class AccessControlTest {
    static final String CREDENTIALS = """
            {"keys": [
              {"accessKeyId": "AKIDADMIN", "secretAccessKey": "admin-secret", "read": ["*"], "write": ["*"], "stream": ["*"]},
              {"accessKeyId": "AKIDREADER", "secretAccessKey": "reader-secret", "read": ["orders"], "stream": ["orders"]},
              {"accessKeyId": "AKIDLOGGER", "secretAccessKey": "logger-secret", "write": ["logs*"]}
            ]}""";
    static final String DENIED = "User: arn:aws:iam::000000000000:user/AKIDREADER is not authorized to perform: dynamodb:PutItem on resource: "
            + "arn:aws:dynamodb:us-east-1:000000000000:table/orders because no identity-based policy allows the dynamodb:PutItem action";
    static Path file;
    static TestServer server;
    static DynamoDbClient admin, reader, logger;

    @BeforeAll
    static void start() throws Exception {
        file = Files.createTempFile("credentials", ".json");
        Files.writeString(file, CREDENTIALS);
        server = TestServer.start(new Security(file, null, null));
        admin = client("AKIDADMIN", "admin-secret");
        reader = client("AKIDREADER", "reader-secret");
        logger = client("AKIDLOGGER", "logger-secret");
        TestServer.createStreamTable(admin, "orders", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        TestServer.createHashTable(admin, "secrets", "pk");
        TestServer.createHashTable(admin, "logs-2026", "pk");
        admin.putItem(b -> b.tableName("orders").item(Map.of("pk", ServerTest.s("o1"), "total", ServerTest.n("12"))));
        admin.putItem(b -> b.tableName("secrets").item(Map.of("pk", ServerTest.s("s1"))));
    }

    @AfterAll
    static void stop() throws Exception {
        for (DynamoDbClient c : List.of(admin, reader, logger)) c.close();
        server.close();
        Files.deleteIfExists(file);
    }

    static DynamoDbClient client(String key, String secret) {
        return TestServer.client(server.endpoint(), "us-east-1", key, secret);
    }

    @Test
    void an_unknown_access_key_is_an_unrecognized_client() {
        try (DynamoDbClient stranger = client("AKIDSTRANGER", "x")) {
            assertAwsError("UnrecognizedClientException", "The security token included in the request is invalid.", stranger::listTables);
        }
    }

    @Test
    void a_wrong_secret_is_an_invalid_signature() {
        try (DynamoDbClient wrong = client("AKIDADMIN", "not-the-secret")) {
            assertAwsError("InvalidSignatureException", "The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", wrong::listTables);
        }
    }

    /** A request signed by the SDK's own SigV4 signer, sent as it is or with its body changed afterwards. */
    static HttpResponse<String> signedByHand(Clock clock, String body, String sentBody) throws Exception {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(server.endpoint())
                .putHeader("Content-Type", "application/x-amz-json-1.0").putHeader("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .contentStreamProvider(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).build();
        @SuppressWarnings("deprecation")
        SdkHttpFullRequest signed = Aws4Signer.create().sign(request, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create("AKIDADMIN", "admin-secret")).signingName("dynamodb")
                .signingRegion(Region.US_EAST_1).signingClockOverride(clock).build());
        HttpRequest.Builder send = HttpRequest.newBuilder(server.endpoint()).POST(HttpRequest.BodyPublishers.ofString(sentBody));
        signed.headers().forEach((name, values) -> {
            if (!Set.of("host", "content-length").contains(name.toLowerCase())) values.forEach(v -> send.header(name, v));
        });
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(send.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_signature_from_another_signer_is_accepted_and_any_change_after_signing_is_not() throws Exception {
        assertEquals(200, signedByHand(Clock.systemUTC(), "{}", "{}").statusCode());
        HttpResponse<String> changed = signedByHand(Clock.systemUTC(), "{}", "{\"Limit\":1}");
        assertEquals(400, changed.statusCode());
        assertTrue(changed.body().contains("InvalidSignatureException"), changed.body());
    }

    @Test
    void a_signature_dated_outside_15_minutes_is_expired() throws Exception {
        HttpResponse<String> old = signedByHand(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20)), "{}", "{}");
        assertEquals(400, old.statusCode());
        assertTrue(old.body().contains("InvalidSignatureException") && old.body().contains("Signature expired: "), old.body());
        assertTrue(old.body().contains(" - 15 min.)"), old.body());
        HttpResponse<String> future = signedByHand(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)), "{}", "{}");
        assertTrue(future.body().contains("Signature not yet current: "), future.body());
        assertEquals(200, signedByHand(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)), "{}", "{}").statusCode());
    }

    @Test
    void a_key_reads_only_the_tables_it_may_read() {
        assertEquals("12", reader.getItem(b -> b.tableName("orders").key(Map.of("pk", ServerTest.s("o1")))).item().get("total").n());
        assertEquals(1, reader.scan(b -> b.tableName("orders")).count());
        assertEquals(1, reader.executeStatement(b -> b.statement("SELECT * FROM orders WHERE pk = 'o1'")).items().size());
        assertAwsError("AccessDeniedException", null, () -> reader.getItem(b -> b.tableName("secrets").key(Map.of("pk", ServerTest.s("s1")))));
        assertAwsError("AccessDeniedException", null, () -> reader.batchGetItem(b -> b.requestItems(Map.of(
                "orders", software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(Map.of("pk", ServerTest.s("o1"))).build(),
                "secrets", software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(Map.of("pk", ServerTest.s("s1"))).build()))));
        assertAwsError("AccessDeniedException", null, () -> logger.getItem(b -> b.tableName("logs-2026").key(Map.of("pk", ServerTest.s("l")))));
    }

    @Test
    void a_key_writes_only_the_tables_it_may_write() {
        assertAwsError("AccessDeniedException", DENIED, () -> reader.putItem(b -> b.tableName("orders").item(Map.of("pk", ServerTest.s("o2")))));
        assertAwsError("AccessDeniedException", null, () -> reader.executeStatement(b -> b.statement("INSERT INTO orders VALUE {'pk': 'o3'}")));
        assertAwsError("AccessDeniedException", null, () -> reader.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName("orders")
                .item(Map.of("pk", ServerTest.s("o4")))))));
        assertAwsError("AccessDeniedException", null, () -> reader.deleteTable(b -> b.tableName("orders")));
        logger.putItem(b -> b.tableName("logs-2026").item(Map.of("pk", ServerTest.s("l1"))));
        assertAwsError("AccessDeniedException", null, () -> logger.batchWriteItem(b -> b.requestItems(Map.of(
                "logs-2026", List.of(WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", ServerTest.s("l2")))).build()),
                "orders", List.of(WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", ServerTest.s("o5")))).build())))));
        assertFalse(admin.getItem(b -> b.tableName("logs-2026").key(Map.of("pk", ServerTest.s("l2")))).hasItem(), "nothing of a refused batch");
        assertFalse(admin.getItem(b -> b.tableName("orders").key(Map.of("pk", ServerTest.s("o2")))).hasItem());
    }

    @Test
    void a_key_reads_only_the_streams_it_may_read() {
        try (DynamoDbStreamsClient readerStreams = streams("AKIDREADER", "reader-secret");
             DynamoDbStreamsClient loggerStreams = streams("AKIDLOGGER", "logger-secret")) {
            String arn = admin.describeTable(b -> b.tableName("orders")).table().latestStreamArn();
            assertFalse(StreamReader.readAll(readerStreams, arn).isEmpty());
            assertAwsError("AccessDeniedException", null, () -> loggerStreams.describeStream(b -> b.streamArn(arn)));
            String shard = readerStreams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String iterator = readerStreams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType("TRIM_HORIZON")).shardIterator();
            assertAwsError("AccessDeniedException", null, () -> loggerStreams.getRecords(b -> b.shardIterator(iterator)));
            // a token whose stream ARN is rewritten to a table the key may read is refused, not read
            String forged = iterator.replace("table/orders/", "table/logs-2026/");
            try (DynamoDbStreamsClient adminStreams = streams("AKIDADMIN", "admin-secret")) {
                assertAwsError("ValidationException", null, () -> adminStreams.getRecords(b -> b.shardIterator(forged)));
            }
        }
    }

    static DynamoDbStreamsClient streams(String key, String secret) {
        return server.streamsClient(key, secret);
    }
}
