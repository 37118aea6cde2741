package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.ChangeOrigin;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.ItemChange;
import io.tributary.core.storage.ItemKeys;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.Json;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchWriteItem: up to 25 puts and deletes, all validated before any is written, each with its own
 * stream record. Nothing is throttled here, so UnprocessedItems is always empty.
 */
public final class BatchWriteItem implements Action {
    static final int MAX_WRITES = 25;
    private final Database db;

    public BatchWriteItem(Database db) {
        this.db = db;
    }

    /** AWS's constraint on each table's list of requests, with the list shown as its Java model prints it. */
    private static TributaryException tableRequestCount(String table, JsonNode writes) {
        StringBuilder shown = new StringBuilder();
        for (JsonNode w : writes) {
            if (shown.length() > 0) shown.append(", ");
            shown.append("com.amazonaws.dynamodb.v20120810.WriteRequest@").append(Integer.toHexString(w.hashCode()));
        }
        return TributaryException.validation("1 validation error detected: Value '{" + table + "=[" + shown + "]}' at 'requestItems' "
                + "failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, "
                + "Member must have length greater than or equal to 1]");
    }

    private record Planned(TableDefinition table, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {}

    @Override
    public Execution execution() {
        return Execution.ITEM_WRITE;
    }

    @Override
    public ObjectNode handle(Request request) {
        JsonNode requestItems = RequestItems.of(request);
        String consumed = request.string("ReturnConsumedCapacity");
        int total = 0;
        Iterator<Map.Entry<String, JsonNode>> sizes = requestItems.fields();
        while (sizes.hasNext()) {
            Map.Entry<String, JsonNode> entry = sizes.next();
            JsonNode writes = entry.getValue();
            if (!writes.isArray()) throw Json.serialization("Unexpected value type for RequestItems." + entry.getKey());
            if (writes.isEmpty() || writes.size() > MAX_WRITES) throw tableRequestCount(entry.getKey(), writes);
            total += writes.size();
        }
        if (total > MAX_WRITES) throw TributaryException.validation("Too many items requested for the BatchWriteItem call");

        List<Planned> planned = new ArrayList<>();
        Map<String, Double> perTable = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> entry = tables.next();
            String tableName = entry.getKey();
            JsonNode writes = entry.getValue();
            new Constraints().tableName(tableName, "requestItems.key").check();
            TableDefinition table = Tables.itemTarget(db, tableName);
            Set<ByteBuffer> keys = new HashSet<>();
            for (JsonNode write : writes) {
                JsonNode put = Request.object(write, "PutRequest");
                JsonNode delete = Request.object(write, "DeleteRequest");
                if ((put == null) == (delete == null)) {
                    throw TributaryException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one "
                            + "of the supported datatypes");
                }
                Planned p;
                if (put != null) {
                    Map<String, AttributeValue> item = AttributeValueJson.parseItem(Request.object(put, "Item"), "Item");
                    if (item == null) {
                        throw TributaryException.validation("1 validation error detected: Value null at 'requestItems." + tableName
                                + ".member.putRequest.item' failed to satisfy constraint: Member must not be null");
                    }
                    p = new Planned(table, PutItem.checkedKey(table, item), item);
                } else {
                    Map<String, AttributeValue> key = KeyValidation.key(table, AttributeValueJson.parseItem(Request.object(delete, "Key"), "Key"));
                    p = new Planned(table, key, null);
                }
                if (!keys.add(ByteBuffer.wrap(ItemKeys.encode(table, p.key())))) {
                    throw TributaryException.validation("Provided list of item keys contains duplicates");
                }
                planned.add(p);
            }
        }

        // One batch (one fsync) for all the writes: stronger than DynamoDB promises, and much cheaper.
        List<Database.Write> batch = new ArrayList<>(planned.size());
        for (Planned p : planned) batch.add(new Database.Write(p.table(), p.key(), current -> p.item()));
        List<ItemChange> changes = db.mutateAll(batch, ChangeOrigin.client(request.context().region()), c -> { });
        for (int i = 0; i < planned.size(); i++) {
            perTable.merge(planned.get(i).table().name(), (double) ItemResponses.writeUnits(changes.get(i).oldItem(), changes.get(i).newItem()), Double::sum);
        }

        ObjectNode out = Json.object();
        out.putObject("UnprocessedItems");
        ItemResponses.tableCapacities(out, consumed, perTable);
        return out;
    }
}
