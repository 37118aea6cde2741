package io.tributary.kafka;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The DynamoDB and Streams clients a connector's settings describe. */
final class AwsClients {
    private AwsClients() {}

    static DynamoDbClient dynamoDb(SourceConfig c) {
        var b = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(c.getString(SourceConfig.REGION)))
                .credentialsProvider(credentials(c));
        if (c.endpoint() != null) b.endpointOverride(c.endpoint());
        return b.build();
    }

    static DynamoDbStreamsClient streams(SourceConfig c) {
        var b = DynamoDbStreamsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(c.getString(SourceConfig.REGION)))
                .credentialsProvider(credentials(c));
        if (c.endpoint() != null) b.endpointOverride(c.endpoint());
        return b.build();
    }

    private static AwsCredentialsProvider credentials(SourceConfig c) {
        String key = c.getString(SourceConfig.ACCESS_KEY);
        if (key.isBlank()) return DefaultCredentialsProvider.builder().build();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, c.getPassword(SourceConfig.SECRET_KEY).value()));
    }
}
