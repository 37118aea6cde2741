package io.tributary.server.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.model.StreamRecord;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.Json;

import java.util.HexFormat;

/** A stream record as GetRecords answers it, shaped exactly like AWS's. */
final class StreamRecordJson {
    private static final HexFormat HEX = HexFormat.of();

    private StreamRecordJson() {}

    static ObjectNode write(long streamId, StreamRecord r, String viewType) {
        ObjectNode out = Json.object();
        out.put("eventID", HEX.toHexDigits(streamId * 0x9E3779B97F4A7C15L) + HEX.toHexDigits(r.sequence()));
        out.put("eventName", r.eventName());
        out.put("eventVersion", "1.1");
        out.put("eventSource", "aws:dynamodb");
        out.put("awsRegion", r.region());
        ObjectNode d = out.putObject("dynamodb");
        d.put("ApproximateCreationDateTime", r.createdMillis() / 1000);
        d.set("Keys", AttributeValueJson.writeItem(r.keys()));
        if (r.newImage() != null) d.set("NewImage", AttributeValueJson.writeItem(r.newImage()));
        if (r.oldImage() != null) d.set("OldImage", AttributeValueJson.writeItem(r.oldImage()));
        d.put("SequenceNumber", SequenceNumbers.format(r.sequence()));
        d.put("SizeBytes", r.sizeBytes());
        d.put("StreamViewType", viewType);
        if (r.byTtl()) {
            out.putObject("userIdentity").put("Type", "Service").put("PrincipalId", "dynamodb.amazonaws.com");
        }
        return out;
    }
}
