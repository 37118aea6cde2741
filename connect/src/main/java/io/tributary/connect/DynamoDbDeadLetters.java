package io.tributary.connect;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.time.Instant;
import java.util.Map;

/**
 * Failed changes written to a DynamoDB table, created on first use: key {@code shardId} (hash) and
 * {@code sequenceNumber} (range), with {@code table}, {@code keys} and {@code event} as JSON text,
 * {@code error} and {@code failedAt}.
 */
public final class DynamoDbDeadLetters implements OnFailureDestination {
    private final DynamoDbClient ddb;
    private final String tableName;

    public DynamoDbDeadLetters(DynamoDbClient ddb, String tableName) {
        this.ddb = ddb;
        this.tableName = tableName;
        try {
            ddb.createTable(b -> b.tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("shardId").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sequenceNumber").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("shardId").keyType(KeyType.HASH),
                            k -> k.attributeName("sequenceNumber").keyType(KeyType.RANGE)));
            ddb.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        } catch (ResourceInUseException alreadyThere) {
            // created by an earlier run or another worker
        }
    }

    @Override
    public void send(ChangeEvent change, Throwable failure) {
        ddb.putItem(b -> b.tableName(tableName).item(Map.of(
                "shardId", s(change.shardId()),
                "sequenceNumber", s(change.sequenceNumber()),
                "table", s(change.table()),
                "keys", s(EventJson.item(change.keys(), false).toString()),
                "event", s(EventJson.event(change, true).toString()),
                "error", s(String.valueOf(failure)),
                "failedAt", s(Instant.now().toString()))));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
