package io.tributary.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The request scenarios, each as a raw AWS JSON body and as the same call through the SDK. Items are
 * about 200 bytes; reads go to items loaded beforehand, writes to keys no earlier run used.
 */
enum Scenario {
    PUT("PutItem", 1, false),
    GET("GetItem", 1, false),
    UPDATE("UpdateItem", 1, false),
    QUERY("Query", 1, true),
    BATCH_WRITE("BatchWriteItem", 25, false),
    MIXED("80% GetItem / 20% PutItem", 1, false);

    static final int PRELOADED_ITEMS = 2000;
    static final int PARTITIONS = 10;
    static final int ITEMS_PER_PARTITION = 100;
    private static final String DATA = "x".repeat(170);

    final String label;
    final int itemsPerOperation;
    final boolean sortedTable;

    Scenario(String label, int itemsPerOperation, boolean sortedTable) {
        this.label = label;
        this.itemsPerOperation = itemsPerOperation;
        this.sortedTable = sortedTable;
    }

    /** Whether the scenario writes new items (and so needs a fresh key for every request). */
    boolean writes() {
        return this == PUT || this == BATCH_WRITE || this == MIXED;
    }

    /** Creates the table of this scenario and loads what its reads need. */
    void prepare(DynamoDbClient sdk, String table, boolean stream) {
        sdk.createTable(b -> {
            b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST);
            if (sortedTable) {
                b.attributeDefinitions(attr("pk"), attr("sk"))
                        .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
            } else {
                b.attributeDefinitions(attr("pk")).keySchema(key("pk", KeyType.HASH));
            }
            if (stream) b.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
        });
        List<WriteRequest> batch = new ArrayList<>();
        int count = this == QUERY ? PARTITIONS * ITEMS_PER_PARTITION : this == PUT || this == BATCH_WRITE ? 0 : PRELOADED_ITEMS;
        for (int i = 0; i < count; i++) {
            Map<String, AttributeValue> item = sortedTable
                    ? Map.of("pk", s("p" + (i / ITEMS_PER_PARTITION)), "sk", s(String.format("s%03d", i % ITEMS_PER_PARTITION)), "data", s(DATA))
                    : Map.of("pk", s("k" + i), "data", s(DATA), "n", n(0));
            batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            if (batch.size() == 25 || i == count - 1) {
                List<WriteRequest> chunk = List.copyOf(batch);
                sdk.batchWriteItem(b -> b.requestItems(Map.of(table, chunk)));
                batch.clear();
            }
        }
    }

    /** The target header and body of operation {@code i} of run {@code run} (write keys are unique per run). */
    String target(int i) {
        String action = switch (this) {
            case MIXED -> i % 5 == 0 ? "PutItem" : "GetItem";
            default -> label;
        };
        return "DynamoDB_20120810." + action;
    }

    byte[] body(String table, String run, int i) {
        String json = switch (this) {
            case PUT -> putJson(table, run + "-" + i);
            case GET -> "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"k" + (i % PRELOADED_ITEMS) + "\"}}}";
            case UPDATE -> "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"k" + (i % PRELOADED_ITEMS) + "\"}},"
                    + "\"UpdateExpression\":\"SET #n = #n + :one, touched = :t\",\"ExpressionAttributeNames\":{\"#n\":\"n\"},"
                    + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},\":t\":{\"S\":\"" + run + "\"}}}";
            case QUERY -> "{\"TableName\":\"" + table + "\",\"KeyConditionExpression\":\"pk = :p\","
                    + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p" + (i % PARTITIONS) + "\"}}}";
            case BATCH_WRITE -> {
                StringBuilder sb = new StringBuilder("{\"RequestItems\":{\"" + table + "\":[");
                for (int j = 0; j < 25; j++) {
                    if (j > 0) sb.append(',');
                    sb.append("{\"PutRequest\":{\"Item\":").append(itemJson(run + "-" + i + "-" + j)).append("}}");
                }
                yield sb.append("]}}").toString();
            }
            case MIXED -> i % 5 == 0 ? putJson(table, run + "-" + i)
                    : "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"k" + (i % PRELOADED_ITEMS) + "\"}}}";
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The same operation through the SDK, building its request objects as an application does. */
    void call(DynamoDbClient sdk, String table, String run, int i) {
        switch (this) {
            case PUT -> sdk.putItem(b -> b.tableName(table).item(item(run + "-" + i)));
            case GET -> sdk.getItem(b -> b.tableName(table).key(Map.of("pk", s("k" + (i % PRELOADED_ITEMS)))));
            case UPDATE -> sdk.updateItem(b -> b.tableName(table).key(Map.of("pk", s("k" + (i % PRELOADED_ITEMS))))
                    .updateExpression("SET #n = #n + :one, touched = :t").expressionAttributeNames(Map.of("#n", "n"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":t", s(run))));
            case QUERY -> sdk.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("p" + (i % PARTITIONS)))));
            case BATCH_WRITE -> {
                List<WriteRequest> writes = new ArrayList<>();
                for (int j = 0; j < 25; j++) {
                    Map<String, AttributeValue> item = item(run + "-" + i + "-" + j);
                    writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                }
                sdk.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
            }
            case MIXED -> {
                if (i % 5 == 0) sdk.putItem(b -> b.tableName(table).item(item(run + "-" + i)));
                else sdk.getItem(b -> b.tableName(table).key(Map.of("pk", s("k" + (i % PRELOADED_ITEMS)))));
            }
        }
    }

    private static String putJson(String table, String key) {
        return "{\"TableName\":\"" + table + "\",\"Item\":" + itemJson(key) + "}";
    }

    private static String itemJson(String key) {
        return "{\"pk\":{\"S\":\"w" + key + "\"},\"data\":{\"S\":\"" + DATA + "\"},\"n\":{\"N\":\"1\"}}";
    }

    private static Map<String, AttributeValue> item(String key) {
        return Map.of("pk", s("w" + key), "data", s(DATA), "n", n(1));
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
