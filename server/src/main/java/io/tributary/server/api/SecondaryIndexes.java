package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.IndexDefinition;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Declaring secondary indexes (CreateTable, UpdateTable) and describing them (DescribeTable). */
final class SecondaryIndexes {
    private static final List<String> PROJECTIONS = List.of("ALL", "KEYS_ONLY", "INCLUDE");

    private SecondaryIndexes() {}

    /**
     * One index declaration; {@code usedAttributes} collects its key attributes, so the caller can check
     * that every attribute definition is used by some key schema.
     */
    static IndexDefinition parse(JsonNode spec, boolean global, String member, Map<String, AttributeType> defined,
                                 TableDefinition tableKeys, String billingMode, Set<String> usedAttributes) {
        String name = Request.string(spec, "IndexName");
        JsonNode keySchema = Request.array(spec, "KeySchema");
        JsonNode projection = Request.object(spec, "Projection");
        Constraints c = new Constraints();
        c.tableName(name, member + ".indexName");
        c.notNull(keySchema, member + ".keySchema");
        c.notNull(projection, member + ".projection");
        c.keySchema(keySchema, member + ".keySchema");
        c.check();

        KeyElement hash = null, range = null;
        for (int i = 0; i < keySchema.size(); i++) {
            String attr = Request.string(keySchema.get(i), "AttributeName");
            String keyType = Request.string(keySchema.get(i), "KeyType");
            if (i == 0 && !"HASH".equals(keyType)) throw TributaryException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
            if (i == 1 && !"RANGE".equals(keyType)) throw TributaryException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            if (attr == null || !defined.containsKey(attr)) {
                throw AwsMessages.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. Keys: [" + attr
                        + "], AttributeDefinitions: " + defined.keySet());
            }
            KeyElement e = new KeyElement(attr, defined.get(attr));
            usedAttributes.add(attr);
            if (i == 0) hash = e;
            else range = e;
        }
        if (range != null && range.name().equals(hash.name())) {
            throw AwsMessages.invalidParameter("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!global) {
            if (tableKeys.rangeKey() == null) {
                throw AwsMessages.invalidParameter("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            if (!hash.name().equals(tableKeys.hashKey().name())) {
                throw AwsMessages.invalidParameter("Index KeySchema does not have the same leading hash key as table KeySchema for index: " + name
                        + ". index hash key: " + hash.name() + ", table hash key: " + tableKeys.hashKey().name());
            }
            if (range == null) throw AwsMessages.invalidParameter("Index KeySchema does not have a range key for index: " + name);
        }

        String type = Request.string(projection, "ProjectionType");
        JsonNode nonKey = Request.array(projection, "NonKeyAttributes");
        new Constraints().oneOf(type, member + ".projection.projectionType", PROJECTIONS).check();
        if (type == null) type = nonKey != null ? "INCLUDE" : "KEYS_ONLY";
        List<String> nonKeyAttributes = new ArrayList<>();
        if (type.equals("INCLUDE")) {
            if (nonKey == null || nonKey.isEmpty()) {
                throw AwsMessages.invalidParameter("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode n : nonKey) {
                if (!seen.add(n.asText())) throw AwsMessages.invalidParameter("Duplicate attributes in NonKeyAttributes: " + n.asText());
            }
            nonKeyAttributes.addAll(seen);
        } else if (nonKey != null) {
            throw AwsMessages.invalidParameter("ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }

        long read = 0, write = 0;
        JsonNode throughput = Request.object(spec, "ProvisionedThroughput");
        if (global) {
            if (billingMode.equals("PROVISIONED") && throughput == null) {
                throw AwsMessages.invalidParameter("ProvisionedThroughput must be specified for index: " + name);
            }
            if (billingMode.equals("PAY_PER_REQUEST") && throughput != null) {
                throw AwsMessages.invalidParameter("ProvisionedThroughput should not be specified for index: " + name + " when BillingMode is PAY_PER_REQUEST");
            }
            if (throughput != null) {
                Long r = Request.integer(throughput, "ReadCapacityUnits"), w = Request.integer(throughput, "WriteCapacityUnits");
                Constraints t = new Constraints();
                t.notNull(r, member + ".provisionedThroughput.readCapacityUnits");
                t.notNull(w, member + ".provisionedThroughput.writeCapacityUnits");
                t.range(r, member + ".provisionedThroughput.readCapacityUnits", 1, Long.MAX_VALUE);
                t.range(w, member + ".provisionedThroughput.writeCapacityUnits", 1, Long.MAX_VALUE);
                t.check();
                read = r;
                write = w;
            }
        } else {
            read = tableKeys.readCapacity();
            write = tableKeys.writeCapacity();
        }
        return new IndexDefinition(name, 0, global, hash, range, type, nonKeyAttributes, true, read, write);
    }

    static void requireDistinctNames(List<IndexDefinition> indexes) {
        Set<String> names = new LinkedHashSet<>();
        for (IndexDefinition i : indexes) {
            if (!names.add(i.name())) throw AwsMessages.invalidParameter("Duplicate index name: " + i.name());
        }
    }

    static void describe(Database db, TableDefinition t, ObjectNode d, String tableArn) {
        ArrayNode globals = null, locals = null;
        for (IndexDefinition i : t.indexes()) {
            ObjectNode n;
            if (i.global()) {
                if (globals == null) globals = d.putArray("GlobalSecondaryIndexes");
                n = globals.addObject();
            } else {
                if (locals == null) locals = d.putArray("LocalSecondaryIndexes");
                n = locals.addObject();
            }
            n.put("IndexName", i.name());
            ArrayNode keys = n.putArray("KeySchema");
            keys.addObject().put("AttributeName", i.hashKey().name()).put("KeyType", "HASH");
            if (i.rangeKey() != null) keys.addObject().put("AttributeName", i.rangeKey().name()).put("KeyType", "RANGE");
            ObjectNode projection = n.putObject("Projection").put("ProjectionType", i.projectionType());
            if (!i.nonKeyAttributes().isEmpty()) {
                ArrayNode nonKey = projection.putArray("NonKeyAttributes");
                i.nonKeyAttributes().forEach(nonKey::add);
            }
            if (i.global()) {
                n.put("IndexStatus", i.active() ? "ACTIVE" : "CREATING");
                if (!i.active()) n.put("Backfilling", true);
                n.putObject("ProvisionedThroughput").put("NumberOfDecreasesToday", 0)
                        .put("ReadCapacityUnits", i.readCapacity()).put("WriteCapacityUnits", i.writeCapacity());
            }
            n.put("IndexSizeBytes", db.sizeBytes(i.id()));
            n.put("ItemCount", db.itemCount(i.id()));
            n.put("IndexArn", tableArn + "/index/" + i.name());
        }
    }

}
