package io.tributary.cli;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;

/**
 * The SDK clients a command uses, with the credentials of AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or "local".
 * Apache's HTTP client: the URLConnection one spends over a millisecond on every call (docs/benchmarks-analysis.md).
 */
final class Clients {
    private Clients() {}

    static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(credentials()).httpClient(ApacheHttpClient.create()).build();
    }

    static DynamoDbStreamsClient streams(URI endpoint, String region) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(credentials()).httpClient(ApacheHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        String key = System.getenv().getOrDefault("AWS_ACCESS_KEY_ID", "local");
        String secret = System.getenv().getOrDefault("AWS_SECRET_ACCESS_KEY", "local");
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
    }
}
