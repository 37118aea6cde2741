package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.StreamSpecification;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

import java.util.List;

/** UpdateTable: billing mode, provisioned throughput and the stream specification. */
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
        if (request.has("GlobalSecondaryIndexUpdates")) {
            throw TributaryException.validation("Secondary indexes are not supported by this version of Tributary");
        }

        TableDefinition current = Tables.describeTarget(db, name);
        String mode = billingMode != null ? billingMode : current.billingMode();
        if (mode.equals("PAY_PER_REQUEST") && throughput != null) {
            throw TributaryException.validation("One or more parameter values were invalid: "
                    + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (mode.equals("PROVISIONED") && current.billingMode().equals("PAY_PER_REQUEST") && throughput == null) {
            throw TributaryException.validation("One or more parameter values were invalid: "
                    + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        }
        if (stream != null) checkStreamChange(current, stream);

        long newRead = mode.equals("PAY_PER_REQUEST") ? 0 : read != null ? read : current.readCapacity();
        long newWrite = mode.equals("PAY_PER_REQUEST") ? 0 : write != null ? write : current.writeCapacity();
        TableDefinition updated = db.updateTable(name, t -> t.withBilling(mode, newRead, newWrite), stream);
        ObjectNode out = Json.object();
        out.set("TableDescription", TableDescriptions.describe(db, updated, request.context(), "ACTIVE"));
        return out;
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
