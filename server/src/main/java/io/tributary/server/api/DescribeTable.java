package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

/** DescribeTable. Tables are ACTIVE as soon as they are created. */
public final class DescribeTable implements Action {
    private final Database db;

    public DescribeTable(Database db) {
        this.db = db;
    }

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        String name = request.string("TableName");
        new Constraints().tableName(name, "tableName").check();
        ObjectNode out = Json.object();
        out.set("Table", TableDescriptions.describe(db, Tables.describeTarget(db, name), request.context(), "ACTIVE"));
        return out;
    }
}
