package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.model.TimeToLive;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

/** DescribeTimeToLive: ENABLED with its attribute, or DISABLED. */
public final class DescribeTimeToLive implements Action {
    private final Database db;

    public DescribeTimeToLive(Database db) {
        this.db = db;
    }

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        String tableName = request.string("TableName");
        new Constraints().tableName(tableName, "tableName").check();
        TimeToLive ttl = Tables.describeTarget(db, tableName).timeToLive();
        ObjectNode out = Json.object();
        ObjectNode d = out.putObject("TimeToLiveDescription");
        d.put("TimeToLiveStatus", ttl.enabled() ? "ENABLED" : "DISABLED");
        if (ttl.enabled()) d.put("AttributeName", ttl.attributeName());
        return out;
    }
}
