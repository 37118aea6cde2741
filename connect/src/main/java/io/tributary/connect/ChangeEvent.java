package io.tributary.connect;

import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.time.Instant;
import java.util.Map;

/**
 * One change to one item, as every sink receives it: the project's single change-event type.
 *
 * <ul>
 *   <li>{@code table}: the table the item belongs to;</li>
 *   <li>{@code eventName}: INSERT, MODIFY or REMOVE;</li>
 *   <li>{@code keys}: the item's key attributes, always present;</li>
 *   <li>{@code oldImage}, {@code newImage}: the item before and after, as plain Java values ({@link PlainValues}),
 *       each null when the stream's view type does not carry it (and oldImage null for INSERT, newImage null
 *       for REMOVE);</li>
 *   <li>{@code sequenceNumber}: the record's position in its shard; it orders the changes of one item
 *       ({@link SequenceNumbers#compare});</li>
 *   <li>{@code approximateCreationTime}: when the change was made, rounded down to the second (as DynamoDB
 *       Streams gives it);</li>
 *   <li>{@code shardId}: the shard the record was read from;</li>
 *   <li>{@code sizeBytes}: the record's size as the stream reports it;</li>
 *   <li>{@code eventId}, {@code awsRegion}, {@code streamArn}, {@code viewType}: where the record came from, as
 *       a Lambda function would be told ({@link LambdaEvent}).</li>
 * </ul>
 */
public record ChangeEvent(
        String table,
        EventName eventName,
        Map<String, Object> keys,
        Map<String, Object> oldImage,
        Map<String, Object> newImage,
        String sequenceNumber,
        Instant approximateCreationTime,
        String shardId,
        long sizeBytes,
        String eventId,
        String awsRegion,
        String streamArn,
        String viewType) {

    /** The event for a record that GetRecords answered, read from {@code shardId} of the stream {@code streamArn}. */
    public static ChangeEvent of(Record record, String table, String streamArn, String shardId) {
        StreamRecord r = record.dynamodb();
        return new ChangeEvent(table, eventName(record.eventName()), PlainValues.item(r.keys()),
                r.hasOldImage() ? PlainValues.item(r.oldImage()) : null,
                r.hasNewImage() ? PlainValues.item(r.newImage()) : null,
                r.sequenceNumber(), r.approximateCreationDateTime(), shardId,
                r.sizeBytes() == null ? 0 : r.sizeBytes(), record.eventID(), record.awsRegion(), streamArn,
                r.streamViewTypeAsString());
    }

    /**
     * The item's key as canonical JSON, names sorted ({@code {"pk":"a","sk":1}}): equal for every change of one
     * item, so sinks keep their per-key state under it.
     */
    public String keyJson() {
        return EventJson.item(new java.util.TreeMap<>(keys), false).toString();
    }

    /** The table a stream ARN belongs to: {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}. */
    public static String tableOf(String streamArn) {
        int start = streamArn.indexOf(":table/");
        int end = streamArn.indexOf("/stream/");
        if (start < 0 || end < start) throw new IllegalArgumentException("not a DynamoDB stream ARN: " + streamArn);
        return streamArn.substring(start + ":table/".length(), end);
    }

    private static EventName eventName(OperationType type) {
        return switch (type) {
            case INSERT -> EventName.INSERT;
            case MODIFY -> EventName.MODIFY;
            case REMOVE -> EventName.REMOVE;
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("a stream record of an event this SDK does not know");
        };
    }
}
