package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.IndexDefinition;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.StreamSpecification;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.model.TimeToLive;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/** CreateTable: a table with a hash or hash+range key, either billing mode, and an optional stream. */
public final class CreateTable implements Action {
    private final Database db;

    public CreateTable(Database db) {
        this.db = db;
    }

    @Override
    public ObjectNode handle(Request request) {
        String name = request.string("TableName");
        JsonNode keySchema = request.array("KeySchema");
        JsonNode attributeDefinitions = request.array("AttributeDefinitions");
        String billingMode = request.string("BillingMode");
        JsonNode throughput = request.object("ProvisionedThroughput");

        Constraints c = new Constraints();
        c.tableName(name, "tableName");
        c.notNull(keySchema, "keySchema");
        c.notNull(attributeDefinitions, "attributeDefinitions");
        c.keySchema(keySchema, "keySchema");
        c.attributeDefinitions(attributeDefinitions, "attributeDefinitions");
        c.oneOf(billingMode, "billingMode", List.of("PROVISIONED", "PAY_PER_REQUEST"));
        long read = 0, write = 0;
        if (throughput != null) {
            Long r = Request.integer(throughput, "ReadCapacityUnits");
            Long w = Request.integer(throughput, "WriteCapacityUnits");
            c.notNull(r, "provisionedThroughput.readCapacityUnits");
            c.notNull(w, "provisionedThroughput.writeCapacityUnits");
            c.range(r, "provisionedThroughput.readCapacityUnits", 1, Long.MAX_VALUE);
            c.range(w, "provisionedThroughput.writeCapacityUnits", 1, Long.MAX_VALUE);
            read = r == null ? 0 : r;
            write = w == null ? 0 : w;
        }
        c.check();

        Map<String, AttributeType> defined = new LinkedHashMap<>();
        List<KeyElement> definitions = new ArrayList<>();
        for (JsonNode d : attributeDefinitions) {
            String attr = Request.string(d, "AttributeName");
            AttributeType type = AttributeType.valueOf(Request.string(d, "AttributeType"));
            if (defined.put(attr, type) != null) {
                throw AwsMessages.invalidParameter("Duplicate AttributeName in AttributeDefinitions: " + attr);
            }
            definitions.add(new KeyElement(attr, type));
        }
        KeyElement hash = null, range = null;
        for (int i = 0; i < keySchema.size(); i++) {
            JsonNode k = keySchema.get(i);
            String attr = Request.string(k, "AttributeName");
            String keyType = Request.string(k, "KeyType");
            if (i == 0 && !"HASH".equals(keyType)) throw TributaryException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
            if (i == 1 && !"RANGE".equals(keyType)) throw TributaryException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            if (i == 1 && attr.equals(hash.name())) {
                throw AwsMessages.invalidParameter("Both the Hash Key and the Range Key element in the KeySchema have the same name");
            }
            if (!defined.containsKey(attr)) {
                throw AwsMessages.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. Keys: ["
                        + attr + "], AttributeDefinitions: " + defined.keySet());
            }
            KeyElement e = new KeyElement(attr, defined.get(attr));
            if (i == 0) hash = e;
            else range = e;
        }
        String mode = billingMode == null ? "PROVISIONED" : billingMode;
        Set<String> used = new LinkedHashSet<>();
        for (KeyElement k : hash == null ? List.<KeyElement>of() : range == null ? List.of(hash) : List.of(hash, range)) used.add(k.name());
        TableDefinition tableKeys = new TableDefinition(name, 0, "", hash, range, definitions, mode, read, write, 0,
                StreamSpecification.DISABLED, 0, null, List.of(), TimeToLive.DISABLED, Map.of());
        List<IndexDefinition> indexes = new ArrayList<>();
        JsonNode gsis = request.array("GlobalSecondaryIndexes");
        JsonNode lsis = request.array("LocalSecondaryIndexes");
        if (gsis != null) {
            if (gsis.isEmpty()) throw AwsMessages.invalidParameter("List of GlobalSecondaryIndexes is empty");
            for (int i = 0; i < gsis.size(); i++) {
                indexes.add(SecondaryIndexes.parse(gsis.get(i), true, "globalSecondaryIndexes." + (i + 1) + ".member", defined, tableKeys, mode, used));
            }
        }
        if (lsis != null) {
            if (lsis.isEmpty()) throw AwsMessages.invalidParameter("List of LocalSecondaryIndexes is empty");
            for (int i = 0; i < lsis.size(); i++) {
                indexes.add(SecondaryIndexes.parse(lsis.get(i), false, "localSecondaryIndexes." + (i + 1) + ".member", defined, tableKeys, mode, used));
            }
        }
        SecondaryIndexes.requireDistinctNames(indexes);
        Map<String, String> tags = Tags.parse(request.array("Tags"));
        Tags.checkCount(tags.size());
        if (indexes.isEmpty() && defined.size() != keySchema.size()) {
            throw AwsMessages.invalidParameter("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        if (!used.containsAll(defined.keySet())) {
            throw AwsMessages.invalidParameter("Some AttributeDefinitions are not used. AttributeDefinitions: " + defined.keySet() + ", keys used: " + used);
        }

        if (mode.equals("PROVISIONED") && throughput == null) {
            throw AwsMessages.invalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        if (mode.equals("PAY_PER_REQUEST") && throughput != null) {
            throw AwsMessages.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }

        StreamSpecification stream = StreamSpecifications.parse(request.object("StreamSpecification"), true);
        if (stream == null) stream = StreamSpecification.DISABLED;
        TableDefinition table = db.createTable(new TableDefinition(name, 0, "", hash, range, definitions, mode,
                read, write, 0, stream, 0, null, indexes, TimeToLive.DISABLED, tags));
        ObjectNode out = Json.object();
        out.set("TableDescription", TableDescriptions.describe(db, table, request.context(), "ACTIVE"));
        return out;
    }

}
