package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.model.TimeToLive;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

/** UpdateTimeToLive: turns expiry on for one epoch-seconds attribute, or off. */
public final class UpdateTimeToLive implements Action {
    private final Database db;

    public UpdateTimeToLive(Database db) {
        this.db = db;
    }

    @Override
    public ObjectNode handle(Request request) {
        String tableName = request.string("TableName");
        JsonNode spec = request.object("TimeToLiveSpecification");
        Constraints c = new Constraints();
        c.tableName(tableName, "tableName");
        c.notNull(spec, "timeToLiveSpecification");
        c.check();
        Boolean enabled = Request.bool(spec, "Enabled");
        String attribute = Request.string(spec, "AttributeName");
        Constraints s = new Constraints();
        s.notNull(enabled, "timeToLiveSpecification.enabled");
        s.notNull(attribute, "timeToLiveSpecification.attributeName");
        if (attribute != null && (attribute.isEmpty() || attribute.length() > 255)) {
            s.fail(attribute, "timeToLiveSpecification.attributeName", attribute.isEmpty()
                    ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 255");
        }
        s.check();

        TableDefinition table = Tables.describeTarget(db, tableName);
        TimeToLive current = table.timeToLive();
        if (enabled && current.enabled()) {
            throw TributaryException.validation(current.attributeName().equals(attribute) ? "TimeToLive is already enabled"
                    : "TimeToLive is active on a different AttributeName: current AttributeName is " + current.attributeName());
        }
        if (!enabled && !current.enabled()) throw TributaryException.validation("TimeToLive is already disabled");
        if (!enabled && !current.attributeName().equals(attribute)) {
            throw TributaryException.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                    + current.attributeName());
        }
        db.updateTable(tableName, t -> t.withTimeToLive(new TimeToLive(attribute, enabled)), null);
        ObjectNode out = Json.object();
        out.putObject("TimeToLiveSpecification").put("Enabled", enabled).put("AttributeName", attribute);
        return out;
    }
}
