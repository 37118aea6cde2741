package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.expr.Condition;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.ItemCodec;
import io.tributary.core.storage.ItemCursor;
import io.tributary.core.storage.KeyRange;
import io.tributary.core.storage.ReadSnapshot;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.StoredItemJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One page of a Query or Scan: entries are read in order until Limit entries or 1 MB have been read, and
 * only then filtered, as DynamoDB does, so ScannedCount counts what was read and Count what matched.
 */
final class ItemPages {
    static final long MAX_PAGE_BYTES = 1024 * 1024;

    private ItemPages() {}

    /**
     * Reads a page into {@code out} (Items unless {@code output} is null, Count, ScannedCount, LastEvaluatedKey)
     * and returns the bytes read, which is what the page costs.
     */
    static long read(Database db, ReadTarget target, KeyRange range, boolean forward, byte[] exclusiveStart, Long limit,
                     Condition filter, UnaryOperator<Map<String, AttributeValue>> output, ObjectNode out) {
        return read(db, target, range, forward, exclusiveStart, limit, filter, output, out, null);
    }

    /** {@link #read} as the database was at {@code snapshot} (null: now). */
    static long read(Database db, ReadTarget target, KeyRange range, boolean forward, byte[] exclusiveStart, Long limit,
                     Condition filter, UnaryOperator<Map<String, AttributeValue>> output, ObjectNode out, ReadSnapshot snapshot) {
        // Entries answered as stored skip decoding: most of a page's cost was building and writing them.
        StoredItemJson.Page asStored = output == ReadSelection.AS_STORED ? StoredItemJson.page() : null;
        ArrayNode items = output == null || asStored != null ? null : out.putArray("Items");
        long scannedBytes = 0;
        int scanned = 0, count = 0;
        Map<String, AttributeValue> lastKey = null;
        try (ItemCursor cursor = db.read(range, forward, exclusiveStart, snapshot)) {
            while (cursor.next()) {
                byte[] stored = cursor.stored();
                scanned++;
                if (filter == null && asStored != null) {
                    count++;
                    scannedBytes += asStored.add(stored);
                } else {
                    scannedBytes += ItemCodec.itemSize(stored);
                    if (filter == null || filter.test(cursor.item())) {
                        count++;
                        if (asStored != null) asStored.add(stored);
                        else if (items != null) items.add(AttributeValueJson.writeItem(output.apply(cursor.item())));
                    }
                }
                if ((limit != null && scanned >= limit) || scannedBytes >= MAX_PAGE_BYTES) {
                    lastKey = target.lastKey(cursor.item());
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (asStored != null) out.set("Items", asStored.end());
        out.put("Count", count);
        out.put("ScannedCount", scanned);
        if (lastKey != null) out.set("LastEvaluatedKey", AttributeValueJson.writeItem(lastKey));
        return scannedBytes;
    }
}
