package io.tributary.connect;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The leases of one application in a DynamoDB table of its name, one item per shard keyed by
 * {@code leaseKey} (the shard id), changed only by conditional writes as the KCL does, so two workers
 * never both believe they own a shard: every change of owner is conditional on the counter the taker saw.
 */
final class LeaseTable {
    /** Rows whose key starts with it are not leases (the bootstrap keeps its progress in one). */
    static final String RESERVED_PREFIX = "tributary:";

    private final DynamoDbClient ddb;
    private final String table;

    LeaseTable(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    DynamoDbClient client() {
        return ddb;
    }

    String name() {
        return table;
    }

    void createIfMissing() {
        try {
            ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH)));
        } catch (ResourceInUseException alreadyThere) {
            // another worker, or an earlier run, created it
        }
        ddb.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    List<Lease> all() {
        List<Lease> leases = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = ddb.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
            page.items().forEach(i -> {
                if (!i.get("leaseKey").s().startsWith(RESERVED_PREFIX)) leases.add(lease(i));
            });
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return leases;
    }

    Lease get(String shardId) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(shardId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : lease(item);
    }

    /** Adds a free lease for a shard unless it has one already. */
    void createIfAbsent(String shardId, String checkpoint, List<String> parents) {
        Map<String, AttributeValue> item = new HashMap<>(key(shardId));
        item.put("leaseCounter", AttributeValue.fromN("0"));
        item.put("checkpoint", AttributeValue.fromS(checkpoint));
        if (!parents.isEmpty()) item.put("parentShardIds", AttributeValue.fromSs(parents));
        try {
            ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(leaseKey)"));
        } catch (ConditionalCheckFailedException exists) {
            // another worker added it first
        }
    }

    void delete(String shardId) {
        ddb.deleteItem(b -> b.tableName(table).key(key(shardId)));
    }

    /** Takes the lease as it was seen (same counter, same owner or none); false if anything changed since. */
    boolean take(Lease seen, String me) {
        String condition = seen.owner() == null
                ? "leaseCounter = :seen AND attribute_not_exists(leaseOwner)"
                : "leaseCounter = :seen AND leaseOwner = :previous";
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":seen", AttributeValue.fromN(Long.toString(seen.counter())));
        values.put(":me", AttributeValue.fromS(me));
        values.put(":one", AttributeValue.fromN("1"));
        if (seen.owner() != null) values.put(":previous", AttributeValue.fromS(seen.owner()));
        return conditional(() -> ddb.updateItem(b -> b.tableName(table).key(key(seen.shardId()))
                .updateExpression("SET leaseOwner = :me ADD leaseCounter :one")
                .conditionExpression(condition).expressionAttributeValues(values)));
    }

    /** Raises the counter of a lease this worker owns; false if it is no longer its own. */
    boolean renew(String shardId, String me) {
        return conditional(() -> ddb.updateItem(b -> b.tableName(table).key(key(shardId))
                .updateExpression("ADD leaseCounter :one").conditionExpression("leaseOwner = :me")
                .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(me), ":one", AttributeValue.fromN("1")))));
    }

    /** Writes the position of a shard this worker owns; false if it is no longer its own. */
    boolean checkpoint(String shardId, String me, String checkpoint) {
        return conditional(() -> ddb.updateItem(b -> b.tableName(table).key(key(shardId))
                .updateExpression("SET checkpoint = :c").conditionExpression("leaseOwner = :me")
                .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(me), ":c", AttributeValue.fromS(checkpoint)))));
    }

    /** Gives a lease up so another worker may take it at once. */
    boolean release(String shardId, String me) {
        return conditional(() -> ddb.updateItem(b -> b.tableName(table).key(key(shardId))
                .updateExpression("REMOVE leaseOwner ADD leaseCounter :one").conditionExpression("leaseOwner = :me")
                .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(me), ":one", AttributeValue.fromN("1")))));
    }

    private static boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String shardId) {
        return Map.of("leaseKey", AttributeValue.fromS(shardId));
    }

    private static Lease lease(Map<String, AttributeValue> item) {
        AttributeValue owner = item.get("leaseOwner");
        AttributeValue parents = item.get("parentShardIds");
        AttributeValue checkpoint = item.get("checkpoint");
        return new Lease(item.get("leaseKey").s(), owner == null ? null : owner.s(), Long.parseLong(item.get("leaseCounter").n()),
                checkpoint == null ? "TRIM_HORIZON" : checkpoint.s(), parents == null ? List.of() : parents.ss());
    }
}
