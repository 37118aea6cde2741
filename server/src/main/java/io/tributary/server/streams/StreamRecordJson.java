package io.tributary.server.streams;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.tributary.core.storage.ItemCodec;
import io.tributary.core.storage.StoredStreamRecord;
import io.tributary.server.json.Json;
import io.tributary.server.json.StoredItemJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/**
 * A stream record as GetRecords answers it, shaped exactly like AWS's, written straight from its stored form:
 * no attribute of its images is built (building each record as a JSON tree, writing it, and turning the bytes
 * into a String and back was about a quarter of the server's time while a stream was drained).
 */
final class StreamRecordJson {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private StreamRecordJson() {}

    /** One generator per thread that writes each record into one buffer, from which the record's bytes are taken. */
    private static final class Scratch {
        final ByteArrayBuilder out = new ByteArrayBuilder(2048);
        final JsonGenerator gen;

        Scratch() {
            try {
                gen = Json.MAPPER.getFactory().createGenerator(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gen.setRootValueSeparator(null);
        }
    }

    /** The record's JSON as UTF-8. */
    static byte[] write(long streamId, StoredStreamRecord r, String viewType) {
        Scratch s = SCRATCH.get();
        try {
            write(s.gen, streamId, r, viewType);
            s.gen.flush();
            byte[] json = s.out.toByteArray();
            s.out.reset();
            return json;
        } catch (IOException | RuntimeException e) {
            // A record left half written leaves the generator inside it: the next one gets a new generator.
            SCRATCH.remove();
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    private static void write(JsonGenerator gen, long streamId, StoredStreamRecord r, String viewType) throws IOException {
        ItemCodec.Visitor images = StoredItemJson.writer(gen);
        gen.writeStartObject();
        gen.writeStringField("eventID", HEX.toHexDigits(streamId * 0x9E3779B97F4A7C15L) + HEX.toHexDigits(r.sequence()));
        gen.writeStringField("eventName", r.eventName());
        gen.writeStringField("eventVersion", "1.1");
        gen.writeStringField("eventSource", "aws:dynamodb");
        gen.writeStringField("awsRegion", r.region());
        gen.writeObjectFieldStart("dynamodb");
        gen.writeNumberField("ApproximateCreationDateTime", r.createdMillis() / 1000);
        gen.writeFieldName("Keys");
        r.visitKeys(images);
        if (r.hasNewImage()) {
            gen.writeFieldName("NewImage");
            r.visitNewImage(images);
        }
        if (r.hasOldImage()) {
            gen.writeFieldName("OldImage");
            r.visitOldImage(images);
        }
        gen.writeStringField("SequenceNumber", SequenceNumbers.format(r.sequence()));
        gen.writeNumberField("SizeBytes", r.sizeBytes());
        gen.writeStringField("StreamViewType", viewType);
        gen.writeEndObject();
        if (r.byTtl()) {
            gen.writeObjectFieldStart("userIdentity");
            gen.writeStringField("Type", "Service");
            gen.writeStringField("PrincipalId", "dynamodb.amazonaws.com");
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }
}
