package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

import java.util.List;

/** ListTables: names in order, up to Limit (default and maximum 100) after ExclusiveStartTableName. */
public final class ListTables implements Action {
    private final Database db;

    public ListTables(Database db) {
        this.db = db;
    }

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        String start = request.string("ExclusiveStartTableName");
        Long limit = request.integer("Limit");
        Constraints c = new Constraints();
        if (start != null) c.tableName(start, "exclusiveStartTableName");
        c.range(limit, "limit", 1, 100);
        c.check();
        int max = limit == null ? 100 : limit.intValue();

        List<String> names = db.tableNames();
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("TableNames");
        String last = null;
        for (String n : names) {
            if (start != null && n.compareTo(start) <= 0) continue;
            if (list.size() == max) {
                out.put("LastEvaluatedTableName", last);
                break;
            }
            list.add(n);
            last = n;
        }
        return out;
    }
}
