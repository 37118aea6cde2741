package io.tributary.connect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The event AWS Lambda hands a function subscribed to a DynamoDB stream:
 * {@code {"Records":[{eventID, eventName, eventVersion, eventSource, awsRegion, dynamodb:{ApproximateCreationDateTime,
 * Keys, NewImage, OldImage, SequenceNumber, SizeBytes, StreamViewType}, eventSourceARN}]}}, images typed.
 * Lambda's filter patterns match records in this shape too.
 */
public final class LambdaEvent {
    private LambdaEvent() {}

    public static ObjectNode of(List<ChangeEvent> changes) {
        ObjectNode event = EventJson.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        changes.forEach(c -> records.add(record(c)));
        return event;
    }

    public static ObjectNode record(ChangeEvent c) {
        ObjectNode r = EventJson.MAPPER.createObjectNode();
        r.put("eventID", c.eventId());
        r.put("eventName", c.eventName().name());
        r.put("eventVersion", "1.1");
        r.put("eventSource", "aws:dynamodb");
        r.put("awsRegion", c.awsRegion());
        ObjectNode d = r.putObject("dynamodb");
        // Lambda's documented events carry whole seconds.
        if (c.approximateCreationTime() != null) d.put("ApproximateCreationDateTime", c.approximateCreationTime().getEpochSecond());
        d.set("Keys", EventJson.item(c.keys(), true));
        if (c.newImage() != null) d.set("NewImage", EventJson.item(c.newImage(), true));
        if (c.oldImage() != null) d.set("OldImage", EventJson.item(c.oldImage(), true));
        d.put("SequenceNumber", c.sequenceNumber());
        d.put("SizeBytes", c.sizeBytes());
        d.put("StreamViewType", c.viewType());
        r.put("eventSourceARN", c.streamArn());
        return r;
    }
}
