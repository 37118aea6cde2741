package io.tributary.server.streams;

import io.tributary.core.storage.StoredStreamRecord;
import io.tributary.server.json.StoredItemJson;
import io.tributary.server.json.StoredItemJson.Field;

import java.io.IOException;
import java.util.HexFormat;

/**
 * A stream record as GetRecords answers it, shaped exactly like AWS's, written straight from its stored form
 * into the page of records: no attribute of its images is built as a tree, and no generator keeps its nesting
 * state for each field; both were most of a draining server's time (docs/benchmarks-analysis.md).
 */
final class StreamRecordJson {
    private static final HexFormat HEX = HexFormat.of();
    private static final Field EVENT_ID = Field.named("eventID"), EVENT_NAME = Field.named("eventName"),
            EVENT_VERSION = Field.named("eventVersion"), EVENT_SOURCE = Field.named("eventSource"),
            REGION = Field.named("awsRegion"), DYNAMODB = Field.named("dynamodb"),
            CREATED = Field.named("ApproximateCreationDateTime"), KEYS = Field.named("Keys"),
            NEW_IMAGE = Field.named("NewImage"), OLD_IMAGE = Field.named("OldImage"),
            SEQUENCE = Field.named("SequenceNumber"), SIZE = Field.named("SizeBytes"),
            VIEW_TYPE = Field.named("StreamViewType"), USER_IDENTITY = Field.named("userIdentity"),
            TYPE = Field.named("Type"), PRINCIPAL = Field.named("PrincipalId");

    private StreamRecordJson() {}

    /** Writes the record as the page's next element. */
    static void write(StoredItemJson.Page page, long streamId, StoredStreamRecord r, String viewType) throws IOException {
        page.beginObject();
        page.string(EVENT_ID, HEX.toHexDigits(streamId * 0x9E3779B97F4A7C15L) + HEX.toHexDigits(r.sequence()));
        page.string(EVENT_NAME, r.eventName());
        page.string(EVENT_VERSION, "1.1");
        page.string(EVENT_SOURCE, "aws:dynamodb");
        page.string(REGION, r.region());
        page.beginObject(DYNAMODB);
        page.number(CREATED, r.createdMillis() / 1000);
        r.visitKeys(page.value(KEYS));
        if (r.hasNewImage()) r.visitNewImage(page.value(NEW_IMAGE));
        if (r.hasOldImage()) r.visitOldImage(page.value(OLD_IMAGE));
        page.string(SEQUENCE, SequenceNumbers.format(r.sequence()));
        page.number(SIZE, r.sizeBytes());
        page.string(VIEW_TYPE, viewType);
        page.endObject();
        if (r.byTtl()) {
            page.beginObject(USER_IDENTITY);
            page.string(TYPE, "Service");
            page.string(PRINCIPAL, "dynamodb.amazonaws.com");
            page.endObject();
        }
        page.endObject();
    }
}
