package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.Condition;
import io.tributary.core.expr.ExpressionAttributes;
import io.tributary.core.expr.ExpressionParser;
import io.tributary.core.expr.ProjectionExpression;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.KeyRange;
import io.tributary.core.storage.ReadSnapshot;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.List;

/** Scan: a whole table or index, or one segment of it (a slice of the partition hash range) for a parallel scan. */
public final class Scan implements Action {
    private final Database db;

    public Scan(Database db) {
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
        Long segment = request.integer("Segment");
        Long totalSegments = request.integer("TotalSegments");
        boolean consistent = Boolean.TRUE.equals(request.bool("ConsistentRead"));
        Constraints c = new Constraints();
        c.tableName(tableName, "tableName");
        if (indexName != null) c.tableName(indexName, "indexName");
        c.range(limit, "limit", 1, Integer.MAX_VALUE);
        c.range(segment, "segment", 0, 999999);
        c.range(totalSegments, "totalSegments", 1, 1000000);
        c.oneOf(select, "select", ReadSelection.SELECT);
        c.oneOf(consumed, "returnConsumedCapacity", ItemResponses.RETURN_CONSUMED);
        c.check();
        if (segment != null && totalSegments == null) {
            throw TributaryException.validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (totalSegments != null && segment == null) {
            throw TributaryException.validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
        }
        if (segment != null && segment >= totalSegments) {
            throw TributaryException.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                    + segment + " is not less than TotalSegments: " + totalSegments);
        }

        String filterText = request.string("FilterExpression");
        LegacyConditions.rejectMixed(request, List.of("ProjectionExpression", "FilterExpression"),
                List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"));
        List<String> present = new ArrayList<>();
        if (filterText != null) present.add("FilterExpression");
        if (request.has("ProjectionExpression")) present.add("ProjectionExpression");
        ExpressionAttributes attributes = request.expressionAttributes(present);
        Condition filter = filterText != null ? ExpressionParser.parseCondition(filterText, "FilterExpression", attributes)
                : LegacyConditions.filter(request, "ScanFilter");
        ProjectionExpression projection = GetItem.projection(request, attributes);
        attributes.requireAllUsed();

        ReadTarget target = ReadTarget.resolve(db, tableName, indexName, consistent);
        var output = ReadSelection.output(db, target, select, projection, request.has("AttributesToGet"));
        byte[] start = target.startKey(request.item("ExclusiveStartKey"));
        KeyRange range = segment == null ? KeyRange.whole(target.spaceId())
                : KeyRange.segment(target.spaceId(), segment.intValue(), totalSegments.intValue());
        if (start != null && segment != null && !range.contains(start)) {
            throw TributaryException.validation("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
                    + "ExclusiveStartKey with correct Segment. TotalSegments: " + totalSegments + " Segment: " + segment);
        }

        ReadSnapshot snapshot = request.context().snapshot();
        if (snapshot != null && !snapshot.tableName().equals(tableName)) {
            throw TributaryException.validation("Snapshot " + snapshot.id() + " was taken for table " + snapshot.tableName()
                    + ", not for table " + tableName);
        }
        ObjectNode out = Json.object();
        long bytes = ItemPages.read(db, target, range, true, start, limit, filter, output, out, snapshot);
        ItemResponses.pageCapacity(out, consumed, tableName, bytes, consistent);
        return out;
    }
}
