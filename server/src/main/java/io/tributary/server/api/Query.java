package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.Condition;
import io.tributary.core.expr.ExpressionAttributes;
import io.tributary.core.expr.ExpressionParser;
import io.tributary.core.expr.ProjectionExpression;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.KeyRange;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.List;

/** Query: one partition of a table or index, read as one key range in sort key order. */
public final class Query implements Action {
    private final Database db;

    public Query(Database db) {
        this.db = db;
    }

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        String tableName = request.string("TableName");
        String indexName = request.string("IndexName");
        String select = request.string("Select");
        String consumed = request.string("ReturnConsumedCapacity");
        Long limit = request.integer("Limit");
        boolean consistent = Boolean.TRUE.equals(request.bool("ConsistentRead"));
        boolean forward = !Boolean.FALSE.equals(request.bool("ScanIndexForward"));
        Constraints c = new Constraints();
        c.tableName(tableName, "tableName");
        if (indexName != null) c.tableName(indexName, "indexName");
        c.range(limit, "limit", 1, Integer.MAX_VALUE);
        c.oneOf(select, "select", ReadSelection.SELECT);
        c.oneOf(consumed, "returnConsumedCapacity", ItemResponses.RETURN_CONSUMED);
        c.check();

        String keyText = request.string("KeyConditionExpression");
        String filterText = request.string("FilterExpression");
        LegacyConditions.rejectMixed(request, LegacyConditions.QUERY_EXPRESSIONS, LegacyConditions.QUERY_LEGACY);
        if (keyText == null && !request.has("KeyConditions")) {
            throw TributaryException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        List<String> present = new ArrayList<>();
        if (keyText != null) present.add("KeyConditionExpression");
        if (filterText != null) present.add("FilterExpression");
        if (request.has("ProjectionExpression")) present.add("ProjectionExpression");
        ExpressionAttributes attributes = request.expressionAttributes(present);
        Condition keyCondition = keyText != null
                ? ExpressionParser.parseCondition(keyText, "KeyConditionExpression", attributes)
                : LegacyConditions.keyConditions(request.object("KeyConditions"));
        Condition filter = filterText != null ? ExpressionParser.parseCondition(filterText, "FilterExpression", attributes)
                : LegacyConditions.filter(request, "QueryFilter");
        ProjectionExpression projection = GetItem.projection(request, attributes);
        attributes.requireAllUsed();

        ReadTarget target = ReadTarget.resolve(db, tableName, indexName, consistent);
        KeyConditions.KeyQuery key = KeyConditions.analyse(keyCondition, target.hashKey(), target.rangeKey());
        KeyConditions.requireNonKeyFilter(filter, target.hashKey(), target.rangeKey());
        var output = ReadSelection.output(db, target, select, projection, request.has("AttributesToGet"));
        byte[] start = target.startKey(request.item("ExclusiveStartKey"));

        ObjectNode out = Json.object();
        long bytes = ItemPages.read(db, target, KeyRange.partition(target.spaceId(), key.partition(), key.sort()), forward, start,
                limit, filter, output, out);
        ItemResponses.pageCapacity(out, consumed, tableName, bytes, consistent);
        return out;
    }
}
