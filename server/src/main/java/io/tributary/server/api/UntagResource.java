package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** UntagResource: removes tags by key; keys the table does not have are ignored. */
public final class UntagResource implements Action {
    private final Database db;

    public UntagResource(Database db) {
        this.db = db;
    }

    @Override
    public ObjectNode handle(Request request) {
        JsonNode keys = request.array("TagKeys");
        new Constraints().notNull(keys, "tagKeys").check();
        TableDefinition table = Tags.table(db, request.string("ResourceArn"));
        db.updateTable(table.name(), t -> {
            Map<String, String> tags = new LinkedHashMap<>(t.tags());
            for (JsonNode k : keys) tags.remove(k.asText());
            return t.withTags(tags);
        }, null);
        return null;
    }
}
