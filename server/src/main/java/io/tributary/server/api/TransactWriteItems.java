package io.tributary.server.api;

import java.util.LinkedHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.ConditionalCheckFailedException;
import io.tributary.core.TransactionCanceledException;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.Condition;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.ChangeOrigin;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.ItemKeys;
import io.tributary.server.json.Json;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * TransactWriteItems: up to 100 puts, updates, deletes and condition checks, all decided under the locks
 * of every item involved and written in one batch with their stream records, or none of them at all.
 */
public final class TransactWriteItems implements Action {
    static final int MAX_ACTIONS = 100;
    /** AWS's limit on the items a transaction writes, together. */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final List<String> KINDS = List.of("ConditionCheck", "Put", "Delete", "Update");

    private final Database db;
    private final ClientRequestTokens tokens;

    public TransactWriteItems(Database db, ClientRequestTokens tokens) {
        this.db = db;
        this.tokens = tokens;
    }

    @Override
    public Execution execution() {
        return Execution.ITEM_WRITE;
    }

    @Override
    public ObjectNode handle(Request request) {
        JsonNode items = request.array("TransactItems");
        String consumed = request.string("ReturnConsumedCapacity");
        String token = request.string("ClientRequestToken");
        Constraints c = new Constraints();
        c.notNull(items, "transactItems");
        c.oneOf(consumed, "returnConsumedCapacity", ItemResponses.RETURN_CONSUMED);
        if (items != null && (items.isEmpty() || items.size() > MAX_ACTIONS)) {
            c.fail("[" + items.size() + " items]", "transactItems", items.isEmpty()
                    ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 100");
        }
        if (token != null && (token.isEmpty() || token.length() > 36)) {
            c.fail(token, "clientRequestToken", "Member must have length less than or equal to 36");
        }
        c.check();

        return tokens.once(token, request.body(), () -> execute(request, items, consumed));
    }

    private ObjectNode execute(Request request, JsonNode items, String consumed) {
        List<PlannedWrite> plans = new ArrayList<>();
        Set<ByteBuffer> keys = new HashSet<>();
        int position = 0;
        for (JsonNode item : items) {
            position++;
            if (!item.isObject()) throw Json.serialization("Unexpected value type in TransactItems");
            List<String> kinds = new ArrayList<>();
            Iterator<String> names = item.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (KINDS.contains(n) && !item.get(n).isNull()) kinds.add(n);
            }
            if (kinds.size() != 1) {
                throw TributaryException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
            }
            String kind = kinds.get(0);
            Request action = new Request(item.get(kind), request.context());
            String member = "transactItems." + position + ".member." + Character.toLowerCase(kind.charAt(0)) + kind.substring(1) + ".";
            Constraints c = new Constraints().tableName(action.string("TableName"), member + "tableName");
            if (kind.equals("Put")) c.notNull(action.object("Item"), member + "item");
            else c.notNull(action.object("Key"), member + "key");
            if (kind.equals("Update")) c.notNull(action.string("UpdateExpression"), member + "updateExpression");
            if (kind.equals("ConditionCheck")) c.notNull(action.string("ConditionExpression"), member + "conditionExpression");
            c.check();
            boolean returnOld = "ALL_OLD".equals(action.string("ReturnValuesOnConditionCheckFailure"));
            PlannedWrite plan = switch (kind) {
                case "Put" -> PutItem.plan(db, action, returnOld);
                case "Delete" -> DeleteItem.plan(db, action, returnOld);
                case "Update" -> UpdateItem.plan(db, action, returnOld);
                default -> conditionCheck(action, returnOld);
            };
            if (!keys.add(ByteBuffer.wrap(ItemKeys.encode(plan.table(), plan.key())))) {
                throw TributaryException.validation("Transaction request cannot include multiple operations on one item");
            }
            plans.add(plan);
        }

        // Each action's failure becomes its cancellation reason instead of ending the transaction early.
        TransactionCanceledException.Reason[] reasons = new TransactionCanceledException.Reason[plans.size()];
        long[] bytes = new long[plans.size()];
        List<Database.Write> writes = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            PlannedWrite plan = plans.get(i);
            int index = i;
            writes.add(new Database.Write(plan.table(), plan.key(), current -> {
                try {
                    Map<String, AttributeValue> result = plan.mutation().apply(current);
                    reasons[index] = TransactionCanceledException.Reason.NONE;
                    bytes[index] = AttributeValue.itemSize(result != null && result != current ? result : plan.key());
                    return result;
                } catch (ConditionalCheckFailedException e) {
                    reasons[index] = new TransactionCanceledException.Reason("ConditionalCheckFailed", e.getMessage(), e.item());
                } catch (TributaryException e) {
                    reasons[index] = new TransactionCanceledException.Reason("ValidationError", e.getMessage(), null);
                }
                return current;
            }));
        }
        db.mutateAll(writes, ChangeOrigin.client(request.context().region()), changes -> {
            if (LongStream.of(bytes).sum() > MAX_BYTES) throw TributaryException.validation("Transaction request cannot be larger than 4 MB");
            for (TransactionCanceledException.Reason r : reasons) {
                if (r != TransactionCanceledException.Reason.NONE) throw new TransactionCanceledException(List.of(reasons));
            }
        });

        ObjectNode out = Json.object();
        // a transactional write costs two units per item
        Map<String, Double> units = new LinkedHashMap<>();
        for (PlannedWrite p : plans) units.merge(p.table().name(), 2.0, Double::sum);
        ItemResponses.tableCapacities(out, consumed, units);
        return out;
    }

    private PlannedWrite conditionCheck(Request action, boolean returnOld) {
        if (action.string("ConditionExpression") == null) {
            throw TributaryException.validation("1 validation error detected: Value null at 'transactItems.member.conditionCheck.conditionExpression' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        Map<String, AttributeValue> rawKey = action.item("Key");
        Condition condition = WriteConditions.parse(action);
        TableDefinition table = Tables.itemTarget(db, action.string("TableName"));
        Map<String, AttributeValue> key = KeyValidation.key(table, rawKey);
        return new PlannedWrite(table, key, current -> {
            WriteConditions.check(condition, current, returnOld);
            return current;
        }, List.of());
    }
}
