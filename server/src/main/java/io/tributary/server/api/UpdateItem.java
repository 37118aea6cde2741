package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.expr.Condition;
import io.tributary.core.expr.DocumentPath;
import io.tributary.core.expr.ExpressionAttributes;
import io.tributary.core.expr.ExpressionParser;
import io.tributary.core.expr.ProjectionExpression;
import io.tributary.core.expr.UpdateExpression;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.ChangeOrigin;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.ItemChange;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** UpdateItem: apply an UpdateExpression to the item (creating it if missing), if the condition holds. */
public final class UpdateItem implements Action {
    private final Database db;

    public UpdateItem(Database db) {
        this.db = db;
    }

    @Override
    public Execution execution() {
        return Execution.ITEM_WRITE;
    }

    @Override
    public ObjectNode handle(Request request) {
        String tableName = request.string("TableName");
        String returnValues = request.string("ReturnValues");
        String consumed = request.string("ReturnConsumedCapacity");
        String onFailure = request.string("ReturnValuesOnConditionCheckFailure");
        Constraints c = new Constraints();
        c.tableName(tableName, "tableName");
        c.notNull(request.object("Key"), "key");
        c.oneOf(returnValues, "returnValues", ItemResponses.RETURN_VALUES);
        c.oneOf(consumed, "returnConsumedCapacity", ItemResponses.RETURN_CONSUMED);
        c.oneOf(onFailure, "returnValuesOnConditionCheckFailure", ItemResponses.RETURN_ON_FAILURE);
        c.check();
        PlannedWrite plan = plan(db, request, "ALL_OLD".equals(onFailure));
        ItemChange change = db.mutate(plan.table(), plan.key(), ChangeOrigin.client(request.context().region()), plan.mutation());
        List<DocumentPath> targets = plan.targets();

        ObjectNode out = Json.object();
        String mode = returnValues == null ? "NONE" : returnValues;
        switch (mode) {
            case "ALL_OLD" -> ItemResponses.putAttributes(out, change.oldItem());
            case "ALL_NEW" -> ItemResponses.putAttributes(out, change.newItem());
            case "UPDATED_OLD" -> ItemResponses.putAttributes(out, new ProjectionExpression(targets).apply(change.oldItem()));
            case "UPDATED_NEW" -> ItemResponses.putAttributes(out, new ProjectionExpression(targets).apply(change.newItem()));
            default -> { }
        }
        ItemResponses.writeCapacity(out, consumed, tableName, change.oldItem(), change.newItem());
        return out;
    }

    /** The checks and the write of an UpdateItem, shared with TransactWriteItems. */
    static PlannedWrite plan(Database db, Request request, boolean returnOldOnFailure) {
        Map<String, AttributeValue> rawKey = request.item("Key");
        String updateText = request.string("UpdateExpression");
        String conditionText = request.string("ConditionExpression");
        LegacyConditions.rejectMixed(request, List.of("UpdateExpression", "ConditionExpression"),
                List.of("AttributeUpdates", "Expected", "ConditionalOperator"));
        List<String> present = new ArrayList<>();
        if (updateText != null) present.add("UpdateExpression");
        if (conditionText != null) present.add("ConditionExpression");
        ExpressionAttributes attributes = request.expressionAttributes(present);
        UpdateExpression update = updateText != null ? ExpressionParser.parseUpdate(updateText, attributes)
                : LegacyUpdates.parse(request.object("AttributeUpdates"));
        Condition condition = WriteConditions.parse(request, attributes);
        attributes.requireAllUsed();

        TableDefinition table = Tables.itemTarget(db, request.string("TableName"));
        Map<String, AttributeValue> key = KeyValidation.key(table, rawKey);
        List<DocumentPath> targets = update == null ? List.of() : update.targets();
        requireNonKeyTargets(table, targets);
        return new PlannedWrite(table, key, current -> {
            WriteConditions.check(condition, current, returnOldOnFailure);
            return update == null ? (current != null ? current : key) : applied(table, update, current, key);
        }, targets);
    }

    /** An update may not touch the key (UpdateItem, PartiQL UPDATE). */
    static void requireNonKeyTargets(TableDefinition table, List<DocumentPath> targets) {
        for (DocumentPath p : targets) {
            if (table.isKeyAttribute(p.topLevelName())) {
                throw AwsMessages.invalidParameter("Cannot update attribute "
                        + p.topLevelName() + ". This attribute is part of the key");
            }
        }
    }

    /** The item after an update, checked like any item about to be written; null when a missing item stays missing. */
    static Map<String, AttributeValue> applied(TableDefinition table, UpdateExpression update, Map<String, AttributeValue> current,
                                               Map<String, AttributeValue> key) {
        Map<String, AttributeValue> updated = update.apply(current, key);
        if (updated == null) return null;
        ItemLimits.check(updated, "Item size to update has exceeded the maximum allowed size");
        KeyValidation.indexKeys(table, updated);
        return updated;
    }
}
