package io.tributary.kafka;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The initial snapshot the connector streams from: against Tributary, a read snapshot of the table (one moment,
 * between two writes) with the sequence number every change in it is at or below and each shard's last record in
 * it; elsewhere a plain scan with no position ({@code id} and {@code sequence} null), the stream then read from
 * its oldest record. Passed to tasks as {@code id|sequence|takenMillis|shard=seq,...}. {@code empty}: the table had no item
 * (an empty snapshot sends nothing, so there is no record to carry its end).
 */
record InitialSnapshot(String id, String sequence, Map<String, String> positions, long takenMillis, boolean empty) {
    static final String HEADER = "x-tributary-snapshot";

    /** Takes a new snapshot of the table. */
    static InitialSnapshot take(DynamoDbClient ddb, String table) {
        long now = System.currentTimeMillis();
        ScanResponse first = ddb.scan(ScanRequest.builder().tableName(table).limit(1)
                .overrideConfiguration(o -> o.putHeader(HEADER, "new")).build());
        String id = first.sdkHttpResponse().firstMatchingHeader(HEADER).orElse(null);
        boolean empty = first.items().isEmpty() && !first.hasLastEvaluatedKey();
        if (id == null) return new InitialSnapshot(null, null, Map.of(), now, empty);
        String sequence = first.sdkHttpResponse().firstMatchingHeader("x-tributary-snapshot-sequence").orElse(null);
        return new InitialSnapshot(id, sequence, positions(first.sdkHttpResponse().firstMatchingHeader("x-tributary-snapshot-shards").orElse("")),
                now, empty);
    }

    String encode() {
        StringBuilder b = new StringBuilder().append(id == null ? "" : id).append('|').append(sequence == null ? "" : sequence)
                .append('|').append(takenMillis).append('|');
        positions.forEach((shard, seq) -> b.append(shard).append('=').append(seq).append(','));
        return b.toString();
    }

    static InitialSnapshot decode(String text) {
        String[] parts = text.split("\\|", -1);
        return new InitialSnapshot(parts[0].isEmpty() ? null : parts[0], parts[1].isEmpty() ? null : parts[1], positions(parts[3]),
                Long.parseLong(parts[2]), false);
    }

    /** {@code shard=seq,shard=seq,...}, as the server's header and {@link #encode} write it. */
    private static Map<String, String> positions(String text) {
        Map<String, String> positions = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) positions.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return positions;
    }
}
