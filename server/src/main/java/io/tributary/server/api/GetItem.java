package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.DocumentPath;
import io.tributary.core.expr.ExpressionAttributes;
import io.tributary.core.expr.ExpressionParser;
import io.tributary.core.expr.ProjectionExpression;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** GetItem: every read is strongly consistent here, so ConsistentRead only changes the capacity charged. */
public final class GetItem implements Action {
    private final Database db;

    public GetItem(Database db) {
        this.db = db;
    }

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        String tableName = request.string("TableName");
        String consumed = request.string("ReturnConsumedCapacity");
        Boolean consistent = request.bool("ConsistentRead");
        Constraints c = new Constraints();
        c.tableName(tableName, "tableName");
        c.notNull(request.object("Key"), "key");
        c.oneOf(consumed, "returnConsumedCapacity", ItemResponses.RETURN_CONSUMED);
        c.check();

        Map<String, AttributeValue> rawKey = request.item("Key");
        ProjectionExpression projection = projection(request);

        TableDefinition table = Tables.itemTarget(db, tableName);
        Map<String, AttributeValue> key = KeyValidation.key(table, rawKey);
        byte[] stored = db.getStoredItem(table, key);

        ObjectNode out = Json.object();
        if (stored != null) {
            out.set("Item", ItemResponses.item(stored, projection));
        }
        ItemResponses.readCapacity(out, consumed, tableName, stored, Boolean.TRUE.equals(consistent));
        return out;
    }

    static ProjectionExpression projection(Request request) {
        String text = request.string("ProjectionExpression");
        ExpressionAttributes attributes = request.expressionAttributes(text == null ? List.of() : List.of("ProjectionExpression"));
        ProjectionExpression projection = projection(request, attributes);
        attributes.requireAllUsed();
        return projection;
    }

    /**
     * ProjectionExpression, or the legacy AttributesToGet (top-level names), or null for the whole item;
     * the caller checks that every expression attribute was used.
     */
    static ProjectionExpression projection(Request request, ExpressionAttributes attributes) {
        String text = request.string("ProjectionExpression");
        JsonNode attributesToGet = request.array("AttributesToGet");
        LegacyConditions.rejectMixed(request, List.of("ProjectionExpression"), List.of("AttributesToGet"));
        if (attributesToGet != null) {
            if (attributesToGet.isEmpty()) {
                throw TributaryException.validation("1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 1");
            }
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode n : attributesToGet) {
                if (!n.isTextual()) throw Json.serialization("Unexpected value type in AttributesToGet");
                if (!names.add(n.textValue())) {
                    throw AwsMessages.invalidParameter("Duplicate value in attribute name: "
                            + n.textValue());
                }
            }
            List<DocumentPath> paths = new ArrayList<>();
            for (String n : names) paths.add(DocumentPath.of(n));
            return new ProjectionExpression(paths);
        }
        return text == null ? null : ExpressionParser.parseProjection(text, attributes);
    }
}
