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
 * BatchGetItem: up to 100 keys over several tables. A response stops growing at 16 MB; the keys not
 * read by then come back in UnprocessedKeys, with the table's read options, for the client to retry.
 */
public final class BatchGetItem implements Action {
    static final int MAX_KEYS = 100;
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
    private final Database db;

    public BatchGetItem(Database db) {
        this.db = db;
    }

    private record TableRead(String name, TableDefinition table, JsonNode spec, List<Map<String, AttributeValue>> keys,
                             ProjectionExpression projection, boolean consistent) {}

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        JsonNode requestItems = RequestItems.of(request);
        String consumed = request.string("ReturnConsumedCapacity");
        int total = 0;
        for (JsonNode spec : requestItems) {
            JsonNode keys = spec.isObject() ? Request.array(spec, "Keys") : null;
            total += keys == null ? 0 : keys.size();
        }
        if (total > MAX_KEYS) throw TributaryException.validation("Too many items requested for the BatchGetItem call");

        List<TableRead> reads = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> entry = tables.next();
            String tableName = entry.getKey();
            JsonNode spec = entry.getValue();
            if (!spec.isObject()) throw Json.serialization("Unexpected value type for RequestItems." + tableName);
            new Constraints().tableName(tableName, "requestItems.key").check();
            JsonNode keyNodes = Request.array(spec, "Keys");
            if (keyNodes == null || keyNodes.isEmpty()) {
                throw TributaryException.validation("1 validation error detected: Value " + (keyNodes == null ? "null" : "'[]'")
                        + " at 'requestItems." + tableName + ".member.keys' failed to satisfy constraint: "
                        + (keyNodes == null ? "Member must not be null" : "Member must have length greater than or equal to 1"));
            }
            Request tableRequest = new Request(spec, request.context());
            ProjectionExpression projection = GetItem.projection(tableRequest);
            TableDefinition table = Tables.itemTarget(db, tableName);
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            Set<ByteBuffer> seen = new HashSet<>();
            for (JsonNode k : keyNodes) {
                Map<String, AttributeValue> key = KeyValidation.key(table, AttributeValueJson.parseItem(k, "Key"));
                if (!seen.add(ByteBuffer.wrap(ItemKeys.encode(table, key)))) {
                    throw TributaryException.validation("Provided list of item keys contains duplicates");
                }
                keys.add(key);
            }
            reads.add(new TableRead(tableName, table, spec, keys, projection, Boolean.TRUE.equals(tableRequest.bool("ConsistentRead"))));
        }

        ObjectNode out = Json.object();
        ObjectNode responses = out.putObject("Responses");
        ObjectNode unprocessed = out.putObject("UnprocessedKeys");
        Map<String, Double> units = new LinkedHashMap<>();
        long size = 0;
        for (TableRead read : reads) {
            ArrayNode found = responses.putArray(read.name());
            double tableUnits = 0;
            List<Map<String, AttributeValue>> keys = read.keys();
            for (int i = 0; i < keys.size(); i++) {
                if (size >= MAX_RESPONSE_BYTES) {
                    unprocessed.set(read.name(), read.spec().deepCopy());
                    ArrayNode left = ((ObjectNode) unprocessed.get(read.name())).putArray("Keys");
                    for (Map<String, AttributeValue> key : keys.subList(i, keys.size())) left.add(AttributeValueJson.writeItem(key));
                    break;
                }
                byte[] stored = db.getStoredItem(read.table(), keys.get(i));
                int itemSize = stored == null ? 0 : ItemCodec.itemSize(stored);
                tableUnits += ItemResponses.readUnits(itemSize) * (read.consistent() ? 1.0 : 0.5);
                if (stored == null) continue;
                size += itemSize;
                found.add(ItemResponses.item(stored, read.projection()));
            }
            units.put(read.name(), tableUnits);
        }
        ItemResponses.tableCapacities(out, consumed, units);
        return out;
    }
}
