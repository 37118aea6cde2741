package io.tributary.server.api;

import io.tributary.core.TributaryException;
import io.tributary.core.expr.ProjectionExpression;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.storage.Database;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Select and projection of a Query or Scan: what each matching entry becomes in Items, or nothing for COUNT. */
final class ReadSelection {
    static final List<String> SELECT = List.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");

    /** Every attribute of the entry as it is stored: a reader may copy such entries straight out. */
    static final UnaryOperator<Map<String, AttributeValue>> AS_STORED = UnaryOperator.identity();

    private ReadSelection() {}

    /** Null for COUNT; {@link #AS_STORED} when entries are answered as they are. */
    static UnaryOperator<Map<String, AttributeValue>> output(Database db, ReadTarget target, String select,
                                                             ProjectionExpression projection, boolean legacyProjection) {
        String projectionName = legacyProjection ? "AttributesToGet" : "ProjectionExpression";
        if (select == null) {
            select = projection != null ? "SPECIFIC_ATTRIBUTES" : target.index() != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
        }
        if (projection != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
            throw TributaryException.validation(select.equals("COUNT")
                    ? "Cannot specify the " + projectionName + " when choosing to get only the Count"
                    : "Cannot specify the " + projectionName + " when choosing to get " + select);
        }
        if (projection == null && select.equals("SPECIFIC_ATTRIBUTES")) {
            throw TributaryException.validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
        }
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && target.index() == null) {
            throw TributaryException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if (select.equals("COUNT")) return null;
        boolean partial = target.index() != null && !target.index().projectionType().equals("ALL");
        if (partial && select.equals("ALL_ATTRIBUTES") && target.index().global()) {
            throw AwsMessages.invalidParameter("Select type ALL_ATTRIBUTES is not supported "
                    + "for global secondary index " + target.index().name() + " because its projection type is not ALL");
        }
        // A local index reaches back to its table for what it does not project; a global one cannot.
        boolean fetch = partial && !target.index().global() && (select.equals("ALL_ATTRIBUTES") || projection != null);
        if (!fetch && projection == null) return AS_STORED;
        return entry -> {
            Map<String, AttributeValue> item = entry;
            if (fetch) {
                Map<String, AttributeValue> full = db.getItem(target.table(), target.table().keyOf(entry));
                if (full != null) item = full;
            }
            return projection == null ? item : projection.apply(item);
        };
    }
}
