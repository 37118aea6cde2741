package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** TagResource: adds tags to a table, replacing the values of keys it already has. */
public final class TagResource implements Action {
    private final Database db;

    public TagResource(Database db) {
        this.db = db;
    }

    @Override
    public ObjectNode handle(Request request) {
        JsonNode list = request.array("Tags");
        String arn = request.string("ResourceArn");
        new Constraints().notNull(arn, "resourceArn").notNull(list, "tags").check();
        Tags.tableName(arn);
        if (list.isEmpty()) throw TributaryException.validation("Atleast one Tag needs to be provided as Input.");
        Map<String, String> added = Tags.parse(list);
        TableDefinition table = Tags.table(db, arn);
        db.updateTable(table.name(), t -> {
            Map<String, String> tags = new LinkedHashMap<>(t.tags());
            tags.putAll(added);
            Tags.checkCount(tags.size());
            return t.withTags(tags);
        }, null);
        return null;
    }
}
