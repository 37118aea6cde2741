package io.tributary.server;

import io.tributary.server.testing.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** HTTPS with a given certificate and key: the SDK works through it, with verified credentials too; plain HTTP does not. */
class TlsTest {
    @Test
    void the_sdk_talks_to_a_server_with_a_self_signed_certificate_and_verified_keys() throws Exception {
        Path dir = Files.createTempDirectory("tributary-tls");
        try {
            SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
            javax.net.ssl.TrustManager[] trust = cert.trustManagers();
            Path credentials = dir.resolve("credentials.json");
            Files.writeString(credentials, """
                    {"keys": [{"accessKeyId": "AKIDTLS", "secretAccessKey": "tls-secret", "read": ["*"], "write": ["*"], "stream": ["*"]}]}""");
            try (TestServer server = TestServer.start(new Security(credentials, cert.certificate(), cert.privateKey()));
                 DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTLS", "tls-secret")))
                         .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> trust).build())
                         .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())).build()) {
                assertEquals("https", server.endpoint().getScheme());
                TestServer.createHashTable(ddb, "secure", "pk");
                ddb.putItem(b -> b.tableName("secure").item(Map.of("pk", ServerTest.s("k"))));
                assertTrue(ddb.getItem(b -> b.tableName("secure").key(Map.of("pk", ServerTest.s("k")))).hasItem());
                URI plain = URI.create("http://127.0.0.1:" + server.port() + "/");
                assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
        } finally {
            TestServer.deleteRecursively(dir);
        }
    }
}
