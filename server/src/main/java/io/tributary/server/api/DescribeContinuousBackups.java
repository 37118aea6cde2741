package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

/** DescribeContinuousBackups: Tributary keeps no backups, so both statuses are DISABLED, as for a new AWS table. */
public final class DescribeContinuousBackups implements Action {
    private final Database db;

    public DescribeContinuousBackups(Database db) {
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
        if (db.findTable(name).isEmpty()) throw new TributaryException("TableNotFoundException", "Table not found: " + name);
        ObjectNode out = Json.object();
        out.putObject("ContinuousBackupsDescription").put("ContinuousBackupsStatus", "DISABLED")
                .putObject("PointInTimeRecoveryDescription").put("PointInTimeRecoveryStatus", "DISABLED");
        return out;
    }
}
