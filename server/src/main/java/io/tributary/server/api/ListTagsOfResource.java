package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

/** ListTagsOfResource: at most 50 tags exist, so one page always holds them all. */
public final class ListTagsOfResource implements Action {
    private final Database db;

    public ListTagsOfResource(Database db) {
        this.db = db;
    }

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        ObjectNode out = Json.object();
        ArrayNode tags = out.putArray("Tags");
        Tags.table(db, request.string("ResourceArn")).tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return out;
    }
}
