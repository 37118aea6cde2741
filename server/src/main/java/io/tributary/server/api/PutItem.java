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

/** PutItem: replace the whole item, if the condition holds on the item as it is. */
public final class PutItem implements Action {
    private final Database db;

    public PutItem(Database db) {
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
        c.notNull(request.object("Item"), "item");
        c.oneOf(returnValues, "returnValues", ItemResponses.RETURN_VALUES);
        c.oneOf(consumed, "returnConsumedCapacity", ItemResponses.RETURN_CONSUMED);
        c.oneOf(onFailure, "returnValuesOnConditionCheckFailure", ItemResponses.RETURN_ON_FAILURE);
        c.check();
        if (returnValues != null && !returnValues.equals("NONE") && !returnValues.equals("ALL_OLD")) {
            throw TributaryException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        PlannedWrite plan = plan(db, request, "ALL_OLD".equals(onFailure));
        ItemChange change = db.mutate(plan.table(), plan.key(), ChangeOrigin.client(request.context().region()), plan.mutation());
        Map<String, AttributeValue> item = change.newItem();

        ObjectNode out = Json.object();
        if ("ALL_OLD".equals(returnValues)) ItemResponses.putAttributes(out, change.oldItem());
        ItemResponses.writeCapacity(out, consumed, tableName, change.oldItem(), item);
        return out;
    }

    /** The checks and the write of a PutItem, shared with TransactWriteItems. */
    static PlannedWrite plan(Database db, Request request, boolean returnOldOnFailure) {
        Map<String, AttributeValue> item = request.item("Item");
        Condition condition = WriteConditions.parse(request);
        TableDefinition table = Tables.itemTarget(db, request.string("TableName"));
        Map<String, AttributeValue> key = checkedKey(table, item);
        return new PlannedWrite(table, key, current -> {
            WriteConditions.check(condition, current, returnOldOnFailure);
            return item;
        }, List.of());
    }

    /** The key of a whole item about to be written, after the checks every put makes (PutItem, batches, PartiQL INSERT). */
    static Map<String, AttributeValue> checkedKey(TableDefinition table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = KeyValidation.keyOfItem(table, item);
        ItemLimits.check(item, "Item size has exceeded the maximum allowed size");
        KeyValidation.indexKeys(table, item);
        return key;
    }
}
