package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.Condition;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.ChangeOrigin;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.ItemChange;
import io.tributary.server.json.Json;

import java.util.List;
import java.util.Map;

/** DeleteItem: remove the item, if the condition holds; deleting a missing item succeeds and changes nothing. */
public final class DeleteItem implements Action {
    private final Database db;

    public DeleteItem(Database db) {
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
        if (returnValues != null && !returnValues.equals("NONE") && !returnValues.equals("ALL_OLD")) {
            throw TributaryException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        PlannedWrite plan = plan(db, request, "ALL_OLD".equals(onFailure));
        ItemChange change = db.mutate(plan.table(), plan.key(), ChangeOrigin.client(request.context().region()), plan.mutation());

        ObjectNode out = Json.object();
        if ("ALL_OLD".equals(returnValues)) ItemResponses.putAttributes(out, change.oldItem());
        ItemResponses.writeCapacity(out, consumed, tableName, change.oldItem(), null);
        return out;
    }

    /** The checks and the write of a DeleteItem, shared with TransactWriteItems. */
    static PlannedWrite plan(Database db, Request request, boolean returnOldOnFailure) {
        Map<String, AttributeValue> rawKey = request.item("Key");
        Condition condition = WriteConditions.parse(request);
        TableDefinition table = Tables.itemTarget(db, request.string("TableName"));
        Map<String, AttributeValue> key = KeyValidation.key(table, rawKey);
        return new PlannedWrite(table, key, current -> {
            WriteConditions.check(condition, current, returnOldOnFailure);
            return null;
        }, List.of());
    }
}
