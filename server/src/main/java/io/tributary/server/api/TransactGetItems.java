package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.ProjectionExpression;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.ItemCodec;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TransactGetItems: up to 100 Gets, answered in request order from one consistent snapshot of the database. */
public final class TransactGetItems implements Action {
    private final Database db;

    public TransactGetItems(Database db) {
        this.db = db;
    }

    private record Get(TableDefinition table, Map<String, AttributeValue> key, ProjectionExpression projection) {}

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        JsonNode items = request.array("TransactItems");
        String consumed = request.string("ReturnConsumedCapacity");
        Constraints c = new Constraints();
        c.notNull(items, "transactItems");
        c.oneOf(consumed, "returnConsumedCapacity", ItemResponses.RETURN_CONSUMED);
        if (items != null && (items.isEmpty() || items.size() > TransactWriteItems.MAX_ACTIONS)) {
            c.fail("[" + items.size() + " items]", "transactItems", items.isEmpty()
                    ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 100");
        }
        c.check();
        List<Get> gets = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode get = item.isObject() ? Request.object(item, "Get") : null;
            if (get == null) {
                throw TributaryException.validation("1 validation error detected: Value null at 'transactItems.member.get' failed to "
                        + "satisfy constraint: Member must not be null");
            }
            Request action = new Request(get, request.context());
            new Constraints().tableName(action.string("TableName"), "transactItems.member.get.tableName").check();
            ProjectionExpression projection = GetItem.projection(action);
            TableDefinition table = Tables.itemTarget(db, action.string("TableName"));
            gets.add(new Get(table, KeyValidation.key(table, action.item("Key")), projection));
        }
        List<byte[]> found = db.getStoredItems(gets.stream().map(Get::table).toList(), gets.stream().map(Get::key).toList());
        ObjectNode out = Json.object();
        ArrayNode responses = out.putArray("Responses");
        // a transactional read costs two units a started 4 KB, a missing item too
        Map<String, Double> units = new LinkedHashMap<>();
        boolean charged = ItemResponses.charged(consumed);
        for (int i = 0; i < gets.size(); i++) {
            ObjectNode r = responses.addObject();
            byte[] stored = found.get(i);
            if (stored != null) r.set("Item", ItemResponses.item(stored, gets.get(i).projection()));
            if (charged) {
                units.merge(gets.get(i).table().name(), 2.0 * ItemResponses.readUnits(stored == null ? 0 : ItemCodec.itemSize(stored)),
                        Double::sum);
            }
        }
        ItemResponses.tableCapacities(out, consumed, units);
        return out;
    }
}
