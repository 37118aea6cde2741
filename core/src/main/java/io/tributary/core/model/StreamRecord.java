package io.tributary.core.model;

import java.util.Map;

/**
 * One change as the stream keeps it: images already cut down to the stream's view type.
 * {@code byTtl} marks deletions made by the time-to-live sweeper.
 */
public record StreamRecord(
        long sequence,
        String eventName,
        long createdMillis,
        String region,
        boolean byTtl,
        Map<String, AttributeValue> keys,
        Map<String, AttributeValue> oldImage,
        Map<String, AttributeValue> newImage,
        int sizeBytes) {
}
