package io.tributary.server;

import io.tributary.core.model.StreamSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real server on a random port with its own data directory, for tests; closing it deletes the data. */
public final class TestServer implements AutoCloseable {
    private final Path dataDirectory;
    private final boolean ownsDirectory;
    private final StreamSettings streams;
    private final HttpLimits http;
    private final Security security;
    private TributaryServer server;

    private TestServer(Path dataDirectory, boolean ownsDirectory, StreamSettings streams, HttpLimits http, Security security) {
        this.dataDirectory = dataDirectory;
        this.ownsDirectory = ownsDirectory;
        this.streams = streams;
        this.http = http;
        this.security = security;
        launch();
    }

    public static TestServer start() {
        return start(StreamSettings.DEFAULTS);
    }

    public static TestServer start(StreamSettings streams) {
        return start(streams, HttpLimits.DEFAULTS, Security.OPEN);
    }

    public static TestServer start(HttpLimits http) {
        return start(StreamSettings.DEFAULTS, http, Security.OPEN);
    }

    public static TestServer start(Security security) {
        return start(StreamSettings.DEFAULTS, HttpLimits.DEFAULTS, security);
    }

    private static TestServer start(StreamSettings streams, HttpLimits http, Security security) {
        try {
            return new TestServer(Files.createTempDirectory("tributary-test"), true, streams, http, security);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        try {
            server = TributaryServer.start(new ServerConfig("127.0.0.1", 0, dataDirectory, true, 32,
                    ServerConfig.DEFAULT_EVENT_LOOPS, streams, Duration.ofMillis(200), http, security, true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops and starts the server on the same data directory (the port changes). */
    public void restart() {
        server.close();
        launch();
    }

    public URI endpoint() {
        return URI.create((security.tls() ? "https" : "http") + "://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public DynamoDbClient client() {
        return client(endpoint(), "us-east-1");
    }

    public DynamoDbStreamsClient streamsClient() {
        return streamsClient("AKIDTEST", "secret");
    }

    /** A streams client signing with these credentials. */
    public DynamoDbStreamsClient streamsClient(String accessKey, String secret) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
    }

    public static DynamoDbClient client(URI endpoint, String region) {
        return client(endpoint, region, "AKIDTEST", "secret");
    }

    /** A client signing with these credentials, for servers that verify them. */
    public static DynamoDbClient client(URI endpoint, String region, String accessKey, String secret) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
    }

    @Override
    public void close() {
        server.close();
        if (ownsDirectory) deleteRecursively(dataDirectory);
    }

    /** An on-demand table keyed by one string attribute. */
    public static void createHashTable(DynamoDbClient ddb, String table, String key) {
        ddb.createTable(hashTable(table, key).build());
    }

    /** {@link #createHashTable} with a stream of that view type; its ARN. */
    public static String createStreamTable(DynamoDbClient ddb, String table, String key, StreamViewType view) {
        return ddb.createTable(hashTable(table, key).streamSpecification(s -> s.streamEnabled(true).streamViewType(view)).build())
                .tableDescription().latestStreamArn();
    }

    private static CreateTableRequest.Builder hashTable(String table, String key) {
        return CreateTableRequest.builder().tableName(table)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(key).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST);
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
