package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

/** The TableDescription structure that CreateTable, DescribeTable, UpdateTable and DeleteTable answer with. */
public final class TableDescriptions {
    private TableDescriptions() {}

    public static String tableArn(RequestContext ctx, String table) {
        return "arn:aws:dynamodb:" + ctx.region() + ":" + RequestContext.ACCOUNT_ID + ":table/" + table;
    }

    public static String streamArn(RequestContext ctx, String table, String label) {
        return tableArn(ctx, table) + "/stream/" + label;
    }

    /** DeleteTable's shorter description: name, status, ARN, id, counts and throughput, as AWS answers it. */
    public static ObjectNode deleting(Database db, TableDefinition t, RequestContext ctx) {
        ObjectNode d = Json.object();
        d.put("TableName", t.name());
        d.put("TableStatus", "DELETING");
        d.put("TableArn", tableArn(ctx, t.name()));
        d.put("TableId", t.uuid());
        d.put("ItemCount", db.itemCount(t.id()));
        d.put("TableSizeBytes", db.sizeBytes(t.id()));
        throughput(d, t);
        if (t.billingMode().equals("PAY_PER_REQUEST")) billing(d, t);
        d.put("DeletionProtectionEnabled", false);
        return d;
    }

    private static void throughput(ObjectNode d, TableDefinition t) {
        ObjectNode throughput = d.putObject("ProvisionedThroughput");
        throughput.put("NumberOfDecreasesToday", 0);
        throughput.put("ReadCapacityUnits", t.readCapacity());
        throughput.put("WriteCapacityUnits", t.writeCapacity());
    }

    private static void billing(ObjectNode d, TableDefinition t) {
        ObjectNode billing = d.putObject("BillingModeSummary");
        billing.put("BillingMode", t.billingMode());
        if (t.billingMode().equals("PAY_PER_REQUEST")) {
            billing.put("LastUpdateToPayPerRequestDateTime", t.creationTimeMillis() / 1000.0);
        }
    }

    public static ObjectNode describe(Database db, TableDefinition t, RequestContext ctx, String status) {
        ObjectNode d = Json.object();
        ArrayNode defs = d.putArray("AttributeDefinitions");
        for (KeyElement k : t.attributeDefinitions()) {
            defs.addObject().put("AttributeName", k.name()).put("AttributeType", k.type().name());
        }
        d.put("TableName", t.name());
        ArrayNode keys = d.putArray("KeySchema");
        keys.addObject().put("AttributeName", t.hashKey().name()).put("KeyType", "HASH");
        if (t.rangeKey() != null) keys.addObject().put("AttributeName", t.rangeKey().name()).put("KeyType", "RANGE");
        d.put("TableStatus", status);
        d.put("CreationDateTime", t.creationTimeMillis() / 1000.0);
        throughput(d, t);
        d.put("TableSizeBytes", db.sizeBytes(t.id()));
        d.put("ItemCount", db.itemCount(t.id()));
        d.put("TableArn", tableArn(ctx, t.name()));
        d.put("TableId", t.uuid());
        billing(d, t);
        if (t.stream().enabled()) {
            d.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", t.stream().viewType());
        }
        if (t.latestStreamLabel() != null) {
            d.put("LatestStreamLabel", t.latestStreamLabel());
            d.put("LatestStreamArn", streamArn(ctx, t.name(), t.latestStreamLabel()));
        }
        SecondaryIndexes.describe(db, t, d, tableArn(ctx, t.name()));
        d.put("DeletionProtectionEnabled", false);
        return d;
    }
}
