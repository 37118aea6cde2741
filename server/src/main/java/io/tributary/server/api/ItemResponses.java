package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.ProjectionExpression;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.storage.ItemCodec;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.StoredItemJson;

import java.util.List;
import java.util.Map;

/** What the single-item calls share in their answers: Attributes and ConsumedCapacity. */
final class ItemResponses {
    static final List<String> RETURN_VALUES = List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
    static final List<String> RETURN_CONSUMED = List.of("INDEXES", "TOTAL", "NONE");
    static final List<String> RETURN_ON_FAILURE = List.of("ALL_OLD", "NONE");

    private ItemResponses() {}

    /** A stored item as answered: copied straight out, or decoded only when a projection needs it. */
    static JsonNode item(byte[] stored, ProjectionExpression projection) {
        return projection == null ? StoredItemJson.of(stored) : AttributeValueJson.writeItem(projection.apply(ItemCodec.decode(stored)));
    }

    static void putAttributes(ObjectNode out, Map<String, AttributeValue> attributes) {
        if (attributes != null && !attributes.isEmpty()) out.set("Attributes", AttributeValueJson.writeItem(attributes));
    }

    /** Writes are charged one unit a started kilobyte of the larger of the old and new item. */
    static void writeCapacity(ObjectNode out, String mode, String table, Map<String, AttributeValue> oldItem,
                              Map<String, AttributeValue> newItem) {
        if (!charged(mode)) return;
        capacity(out, mode, table, writeUnits(oldItem, newItem));
    }

    static int writeUnits(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        int size = Math.max(oldItem == null ? 0 : AttributeValue.itemSize(oldItem), newItem == null ? 0 : AttributeValue.itemSize(newItem));
        return Math.max(1, (size + 1023) / 1024);
    }

    /**
     * Reads are charged one unit a started 4 KB, half that when eventually consistent. {@code stored}: the item
     * read, in its stored form, or null.
     */
    static void readCapacity(ObjectNode out, String mode, String table, byte[] stored, boolean consistent) {
        if (!charged(mode)) return;
        double units = readUnits(stored == null ? 0 : ItemCodec.itemSize(stored));
        capacity(out, mode, table, consistent ? units : units / 2);
    }

    /** A Query or Scan page is charged for all it read, summed before rounding up to 4 KB. */
    static void pageCapacity(ObjectNode out, String mode, String table, long bytesRead, boolean consistent) {
        double units = readUnits(bytesRead);
        capacity(out, mode, table, consistent ? units : units / 2);
    }

    /** Whether the request asked for its ConsumedCapacity. */
    static boolean charged(String mode) {
        return mode != null && !mode.equals("NONE");
    }

    /** Strongly consistent read units for this many bytes read: one a started 4 KB, at least one. */
    static long readUnits(long bytes) {
        return Math.max(1, (bytes + 4095) / 4096);
    }

    static void capacity(ObjectNode out, String mode, String table, double units) {
        if (!charged(mode)) return;
        ObjectNode c = out.putObject("ConsumedCapacity");
        c.put("TableName", table);
        c.put("CapacityUnits", units);
        if (mode.equals("INDEXES")) c.putObject("Table").put("CapacityUnits", units);
    }

    /** ConsumedCapacity as the multi-table calls answer it: one entry per table. */
    static void tableCapacities(ObjectNode out, String mode, Map<String, Double> unitsByTable) {
        if (!charged(mode)) return;
        ArrayNode list = out.putArray("ConsumedCapacity");
        unitsByTable.forEach((table, units) -> {
            ObjectNode entry = list.addObject().put("TableName", table).put("CapacityUnits", units);
            if (mode.equals("INDEXES")) entry.putObject("Table").put("CapacityUnits", units);
        });
    }
}
