package io.tributary.kafka;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.EventName;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import java.util.Map;

/**
 * A change in Debezium's envelope: {@code {before, after, op, source, ts_ms}} with {@code op} c (INSERT), u (MODIFY),
 * d (REMOVE) or r (a snapshot read, {@link #snapshotRead}). An item has no fixed columns, so {@code before} and {@code after} are the item as
 * a JSON document in a string (schema {@code io.debezium.data.Json}, as Debezium's MongoDB connector writes
 * documents): every Connect converter, JSON or Avro, carries them, and consumers parse them as JSON. The key is the
 * item's key as canonical JSON ({@code {"pk":"a","sk":1}}, names sorted), so one item is always one Kafka key and
 * so one partition.
 */
final class Envelope {
    static final String VERSION = "0.1.0";
    private static final String JSON = "io.debezium.data.Json";

    static final Schema KEY = SchemaBuilder.string().name(JSON).version(1).build();
    private static final Schema DOCUMENT = SchemaBuilder.string().name(JSON).version(1).optional().build();
    static final Schema SOURCE = SchemaBuilder.struct().name("io.tributary.kafka.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("stream", Schema.STRING_SCHEMA)
            .field("shard", Schema.OPTIONAL_STRING_SCHEMA)
            .field("sequence_number", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build())
            .build();
    static final Schema VALUE = SchemaBuilder.struct().name("io.tributary.kafka.Envelope").version(1)
            .field("before", DOCUMENT)
            .field("after", DOCUMENT)
            .field("op", Schema.STRING_SCHEMA)
            .field("source", SOURCE)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private Envelope() {}

    static String key(ChangeEvent e) {
        return e.keyJson();
    }

    /** The envelope of a stream record; {@code typed}: images as DynamoDB JSON instead of plain JSON. */
    static Struct value(ChangeEvent e, boolean typed, long nowMillis) {
        return new Struct(VALUE)
                .put("before", document(e.oldImage(), typed))
                .put("after", document(e.newImage(), typed))
                .put("op", op(e.eventName()))
                .put("source", source(e.table(), e.streamArn(), e.shardId(), e.sequenceNumber(), e.approximateCreationTime().toEpochMilli(), "false"))
                .put("ts_ms", nowMillis);
    }

    /**
     * A snapshot read: the item as it was when the snapshot was taken, {@code op} r, {@code source.snapshot} "true"
     * ("last" for the snapshot's last item); its sequence number is the snapshot's (null where the server has none).
     */
    static Struct snapshotRead(String table, String streamArn, Map<String, Object> item, String sequence, long takenMillis,
                               boolean last, boolean typed, long nowMillis) {
        return new Struct(VALUE)
                .put("before", null)
                .put("after", document(item, typed))
                .put("op", "r")
                .put("source", source(table, streamArn, null, sequence, takenMillis, last ? "last" : "true"))
                .put("ts_ms", nowMillis);
    }

    private static Struct source(String table, String stream, String shard, String sequence, long tsMillis, String snapshot) {
        return new Struct(SOURCE)
                .put("version", VERSION)
                .put("connector", "tributary")
                .put("table", table)
                .put("stream", stream)
                .put("shard", shard)
                .put("sequence_number", sequence)
                .put("ts_ms", tsMillis)
                .put("snapshot", snapshot);
    }

    static String op(EventName name) {
        return switch (name) {
            case INSERT -> "c";
            case MODIFY -> "u";
            case REMOVE -> "d";
        };
    }

    private static String document(Map<String, Object> image, boolean typed) {
        return image == null ? null : EventJson.item(new java.util.TreeMap<>(image), typed).toString();
    }
}
