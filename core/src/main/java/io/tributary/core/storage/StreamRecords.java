package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.StreamRecord;

import java.util.Map;

/** Cuts a change down to what the stream's view type keeps. */
final class StreamRecords {
    private StreamRecords() {}

    /** {@code oldSize} and {@code newSize}: the items' sizes, which the caller has counted already. */
    static StreamRecord of(long seq, Map<String, AttributeValue> keys, Map<String, AttributeValue> oldItem, int oldSize,
                           Map<String, AttributeValue> newItem, int newSize, String viewType, ChangeOrigin origin) {
        String event = oldItem == null ? "INSERT" : newItem == null ? "REMOVE" : "MODIFY";
        boolean keepNew = viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        boolean keepOld = viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        Map<String, AttributeValue> newImage = keepNew ? newItem : null;
        Map<String, AttributeValue> oldImage = keepOld ? oldItem : null;
        int size = AttributeValue.itemSize(keys) + (newImage == null ? 0 : newSize) + (oldImage == null ? 0 : oldSize);
        return new StreamRecord(seq, event, System.currentTimeMillis(), origin.region(), origin.byTtl(), keys, oldImage, newImage, size);
    }
}
