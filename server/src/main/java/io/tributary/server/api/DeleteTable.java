package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

/** DeleteTable: the table and its items go at once; the answer describes it as DELETING, as AWS does. */
public final class DeleteTable implements Action {
    private final Database db;

    public DeleteTable(Database db) {
        this.db = db;
    }

    @Override
    public ObjectNode handle(Request request) {
        String name = request.string("TableName");
        new Constraints().tableName(name, "tableName").check();
        TableDefinition table = Tables.describeTarget(db, name);
        ObjectNode description = TableDescriptions.deleting(db, table, request.context());
        db.deleteTable(name);
        ObjectNode out = Json.object();
        out.set("TableDescription", description);
        return out;
    }
}
