package io.tributary.server.api;

import java.util.HashSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.IndexDefinition;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.StreamSpecification;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** UpdateTable: billing mode, provisioned throughput, the stream specification and global secondary indexes. */
public final class UpdateTable implements Action {
    private final Database db;

    public UpdateTable(Database db) {
        this.db = db;
    }

    @Override
    public ObjectNode handle(Request request) {
        String name = request.string("TableName");
        String billingMode = request.string("BillingMode");
        JsonNode throughput = request.object("ProvisionedThroughput");
        Constraints c = new Constraints();
        c.tableName(name, "tableName");
        c.oneOf(billingMode, "billingMode", List.of("PROVISIONED", "PAY_PER_REQUEST"));
        Long read = null, write = null;
        if (throughput != null) {
            read = Request.integer(throughput, "ReadCapacityUnits");
            write = Request.integer(throughput, "WriteCapacityUnits");
            c.notNull(read, "provisionedThroughput.readCapacityUnits");
            c.notNull(write, "provisionedThroughput.writeCapacityUnits");
            c.range(read, "provisionedThroughput.readCapacityUnits", 1, Long.MAX_VALUE);
            c.range(write, "provisionedThroughput.writeCapacityUnits", 1, Long.MAX_VALUE);
        }
        c.check();
        StreamSpecification stream = StreamSpecifications.parse(request.object("StreamSpecification"), false);
        if (billingMode == null && throughput == null && stream == null && !request.has("GlobalSecondaryIndexUpdates")
                && !request.has("SSESpecification") && !request.has("ReplicaUpdates")
                && !request.has("DeletionProtectionEnabled") && !request.has("TableClass")) {
            throw TributaryException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        TableDefinition current = Tables.describeTarget(db, name);
        String mode = billingMode != null ? billingMode : current.billingMode();
        if (mode.equals("PAY_PER_REQUEST") && throughput != null) {
            throw AwsMessages.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (mode.equals("PROVISIONED") && current.billingMode().equals("PAY_PER_REQUEST") && throughput == null) {
            throw AwsMessages.invalidParameter("ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        }
        if (stream != null) checkStreamChange(current, stream);
        JsonNode indexUpdates = request.array("GlobalSecondaryIndexUpdates");
        if (indexUpdates != null) current = updateIndexes(current, indexUpdates, request.array("AttributeDefinitions"), mode);
        if (billingMode == null && throughput == null && stream == null) {
            ObjectNode out = Json.object();
            out.set("TableDescription", TableDescriptions.describe(db, current, request.context(), "ACTIVE"));
            return out;
        }

        long newRead = mode.equals("PAY_PER_REQUEST") ? 0 : read != null ? read : current.readCapacity();
        long newWrite = mode.equals("PAY_PER_REQUEST") ? 0 : write != null ? write : current.writeCapacity();
        TableDefinition updated = db.updateTable(name, t -> t.withBilling(mode, newRead, newWrite), stream);
        ObjectNode out = Json.object();
        out.set("TableDescription", TableDescriptions.describe(db, updated, request.context(), "ACTIVE"));
        return out;
    }

    /** Creates (backfilled in the background), deletes or re-provisions global secondary indexes. */
    private TableDefinition updateIndexes(TableDefinition table, JsonNode updates, JsonNode attributeDefinitions, String mode) {
        new Constraints().attributeDefinitions(attributeDefinitions, "attributeDefinitions").check();
        Map<String, AttributeType> existing = new LinkedHashMap<>();
        for (KeyElement k : table.attributeDefinitions()) existing.put(k.name(), k.type());
        // A Create names its key attributes' types in this request's AttributeDefinitions, not only in the table's.
        Map<String, AttributeType> requested = new LinkedHashMap<>();
        if (attributeDefinitions != null) {
            for (JsonNode d : attributeDefinitions) {
                String attr = Request.string(d, "AttributeName");
                AttributeType type = AttributeType.valueOf(Request.string(d, "AttributeType"));
                AttributeType previous = existing.get(attr);
                if (previous != null && previous != type) {
                    throw AwsMessages.invalidParameter("Cannot change the type of "
                            + "attribute " + attr + " which is used as a key");
                }
                if (requested.put(attr, type) != null) {
                    throw AwsMessages.invalidParameter("Duplicate AttributeName in AttributeDefinitions: " + attr);
                }
            }
        }
        Map<String, AttributeType> defined = new LinkedHashMap<>(existing);
        defined.putAll(requested);
        int createsAndDeletes = 0;
        for (int i = 0; i < updates.size(); i++) {
            JsonNode u = updates.get(i);
            JsonNode create = Request.object(u, "Create"), delete = Request.object(u, "Delete"), update = Request.object(u, "Update");
            int actions = (create == null ? 0 : 1) + (delete == null ? 0 : 1) + (update == null ? 0 : 1);
            if (actions != 1) {
                throw AwsMessages.invalidParameter("One of GlobalSecondaryIndexUpdate.Update, "
                        + "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must be specified");
            }
            if (create != null || delete != null) createsAndDeletes++;
        }
        if (createsAndDeletes > 1) {
            throw new TributaryException("LimitExceededException",
                    "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
        }
        for (int i = 0; i < updates.size(); i++) {
            JsonNode u = updates.get(i);
            JsonNode create = Request.object(u, "Create"), delete = Request.object(u, "Delete"), update = Request.object(u, "Update");
            if (create != null) {
                IndexDefinition index = SecondaryIndexes.parse(create, true, "globalSecondaryIndexUpdates." + (i + 1) + ".member.create",
                        requested, table, mode, new HashSet<>());
                if (table.index(index.name()).isPresent()) {
                    throw AwsMessages.invalidParameter("Index with name: " + index.name()
                            + " already exists");
                }
                List<KeyElement> definitions = new ArrayList<>();
                defined.forEach((n, t) -> definitions.add(new KeyElement(n, t)));
                table = db.addIndex(table.name(), new IndexDefinition(index.name(), 0, true, index.hashKey(), index.rangeKey(),
                        index.projectionType(), index.nonKeyAttributes(), false, index.readCapacity(), index.writeCapacity()), definitions);
            } else {
                String indexName = Request.string(delete != null ? delete : update, "IndexName");
                IndexDefinition index = table.index(indexName).filter(IndexDefinition::global).orElseThrow(() ->
                        AwsMessages.indexNotFound(indexName));
                if (delete != null) {
                    table = db.removeIndex(table.name(), indexName);
                } else {
                    JsonNode t = Request.object(update, "ProvisionedThroughput");
                    long read = t == null ? index.readCapacity() : Request.integer(t, "ReadCapacityUnits");
                    long write = t == null ? index.writeCapacity() : Request.integer(t, "WriteCapacityUnits");
                    table = db.updateTable(table.name(), d -> d.withIndexes(d.indexes().stream()
                            .map(x -> x.name().equals(indexName) ? x.withThroughput(read, write) : x).toList()), null);
                }
            }
        }
        return table;
    }

    private static void checkStreamChange(TableDefinition table, StreamSpecification requested) {
        if (requested.enabled() && table.stream().enabled()) {
            throw TributaryException.validation("Table already has an enabled stream: TableName: " + table.name());
        }
        if (!requested.enabled() && !table.stream().enabled()) {
            throw TributaryException.validation("Table has no stream to disable: TableName: " + table.name());
        }
    }
}
