package io.tributary.connect.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connect.EventJson;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one committed data file holds: its table, how many changes of each kind, the span of their creation
 * times, and for each shard the first and last sequence number in it. Written as JSON (docs/archive-format.md).
 */
public record ManifestEntry(String file, String table, long records, long inserts, long modifies, long removes,
                            long compressedBytes, Instant firstCreationTime, Instant lastCreationTime,
                            Map<String, ShardSpan> shards, Instant committedAt) {

    /** The changes of one shard in the file: sequence numbers first to last, in stream order. */
    public record ShardSpan(String firstSequenceNumber, String lastSequenceNumber, long records) {}

    public byte[] toJson() {
        ObjectNode o = EventJson.MAPPER.createObjectNode();
        o.put("formatVersion", 1);
        o.put("file", file);
        o.put("table", table);
        o.put("records", records);
        o.put("inserts", inserts);
        o.put("modifies", modifies);
        o.put("removes", removes);
        o.put("compressedBytes", compressedBytes);
        if (firstCreationTime != null) o.put("firstCreationTime", firstCreationTime.toString());
        if (lastCreationTime != null) o.put("lastCreationTime", lastCreationTime.toString());
        ObjectNode s = o.putObject("shards");
        shards.forEach((id, span) -> s.putObject(id).put("firstSequenceNumber", span.firstSequenceNumber())
                .put("lastSequenceNumber", span.lastSequenceNumber()).put("records", span.records()));
        o.put("committedAt", committedAt.toString());
        try {
            return EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ManifestEntry parse(byte[] json) throws IOException {
        JsonNode o = EventJson.MAPPER.readTree(json);
        Map<String, ShardSpan> shards = new LinkedHashMap<>();
        o.path("shards").fields().forEachRemaining(f -> shards.put(f.getKey(), new ShardSpan(
                f.getValue().path("firstSequenceNumber").asText(), f.getValue().path("lastSequenceNumber").asText(),
                f.getValue().path("records").asLong())));
        return new ManifestEntry(o.path("file").asText(), o.path("table").asText(), o.path("records").asLong(),
                o.path("inserts").asLong(), o.path("modifies").asLong(), o.path("removes").asLong(),
                o.path("compressedBytes").asLong(), time(o, "firstCreationTime"), time(o, "lastCreationTime"),
                shards, Instant.parse(o.path("committedAt").asText()));
    }

    private static Instant time(JsonNode o, String field) {
        return o.hasNonNull(field) ? Instant.parse(o.get(field).asText()) : null;
    }
}
