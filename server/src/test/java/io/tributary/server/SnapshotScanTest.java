package io.tributary.server;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** Tributary's read snapshot at a known stream position, asked for by headers on Scan. */
class SnapshotScanTest extends ServerTest {
    private static ScanResponse scan(String table, String snapshot, Map<String, AttributeValue> start, Integer segment) {
        ScanRequest.Builder r = ScanRequest.builder().tableName(table).limit(7).exclusiveStartKey(start);
        if (segment != null) r.segment(segment).totalSegments(3);
        if (snapshot != null) r.overrideConfiguration(o -> o.putHeader("x-tributary-snapshot", snapshot));
        return ddb.scan(r.build());
    }

    private static String header(ScanResponse r, String name) {
        return r.sdkHttpResponse().firstMatchingHeader(name).orElse(null);
    }

    private static void put(String table, String pk, int version) {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "v", n(Integer.toString(version)))));
    }

    @Test
    void the_snapshot_holds_exactly_the_changes_at_or_below_its_sequence_while_writes_go_on() throws Exception {
        String arn = TestServer.createStreamTable(ddb, "frozen", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        for (int i = 0; i < 100; i++) put("frozen", "k" + i, 0);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int seed = w;
            writers.add(pool.submit(() -> {
                java.util.Random r = new java.util.Random(seed);
                for (int i = 1; writing.get(); i++) {
                    String k = "k" + r.nextInt(150);
                    if (r.nextInt(4) == 0) ddb.deleteItem(b -> b.tableName("frozen").key(Map.of("pk", s(k))));
                    else put("frozen", k, i);
                }
                return null;
            }));
        }
        Thread.sleep(100);
        ScanResponse first = scan("frozen", "new", null, 0);
        String id = header(first, "x-tributary-snapshot");
        assertNotNull(id, "the server offers snapshots");
        BigInteger sequence = new BigInteger(header(first, "x-tributary-snapshot-sequence"));
        assertNotNull(header(first, "x-tributary-snapshot-stream-label"));
        Map<String, BigInteger> positions = new HashMap<>();
        for (String p : header(first, "x-tributary-snapshot-shards").split(",")) {
            if (!p.isEmpty()) positions.put(p.substring(0, p.indexOf('=')), new BigInteger(p.substring(p.indexOf('=') + 1)));
        }
        Thread.sleep(200);
        Map<String, Map<String, AttributeValue>> snapshot = new HashMap<>();
        for (int segment = 0; segment < 3; segment++) {
            ScanResponse page = segment == 0 ? first : scan("frozen", id, null, segment);
            while (true) {
                assertEquals(id, header(page, "x-tributary-snapshot"));
                for (Map<String, AttributeValue> item : page.items()) assertNull(snapshot.put(item.get("pk").s(), item));
                if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) break;
                page = scan("frozen", id, page.lastEvaluatedKey(), segment);
            }
        }
        writing.set(false);
        for (Future<?> f : writers) f.get();
        pool.shutdown();

        // Replaying the stream up to the sequence gives the snapshot; every record above it came after.
        Map<String, Map<String, AttributeValue>> replayed = new HashMap<>();
        Map<String, BigInteger> lastAtOrBelow = new HashMap<>();
        for (Record r : StreamReader.readAll(streams, arn)) {
            BigInteger seq = new BigInteger(r.dynamodb().sequenceNumber());
            if (seq.compareTo(sequence) > 0) continue;
            String pk = r.dynamodb().keys().get("pk").s();
            if (r.dynamodb().hasNewImage()) replayed.put(pk, r.dynamodb().newImage());
            else replayed.remove(pk);
            lastAtOrBelow.merge(shardOf(arn, r), seq, BigInteger::max);
        }
        assertEquals(replayed, snapshot);
        assertEquals(lastAtOrBelow, positions);
        assertNull(header(ddb.scan(b -> b.tableName("frozen")), "x-tributary-snapshot"), "a plain Scan knows nothing of it");
    }

    private static final Map<String, String> SHARD_OF = new HashMap<>();

    private static String shardOf(String arn, Record record) {
        if (SHARD_OF.isEmpty()) {
            for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
                for (Record r : StreamReader.readShard(streams, arn, shard.shardId())) SHARD_OF.put(r.dynamodb().sequenceNumber(), shard.shardId());
            }
        }
        return SHARD_OF.get(record.dynamodb().sequenceNumber());
    }

    @Test
    void an_unknown_or_released_snapshot_is_not_found_and_a_snapshot_belongs_to_its_table() {
        TestServer.createStreamTable(ddb, "released", "pk", StreamViewType.KEYS_ONLY);
        TestServer.createStreamTable(ddb, "other", "pk", StreamViewType.KEYS_ONLY);
        put("released", "a", 1);
        ResourceNotFoundException unknown = assertThrows(ResourceNotFoundException.class, () -> scan("released", "no-such-snapshot", null, null));
        assertTrue(unknown.awsErrorDetails().errorMessage().contains("Snapshot: no-such-snapshot"), unknown.getMessage());

        String id = header(scan("released", "new", null, null), "x-tributary-snapshot");
        assertEquals(1, scan("released", id, null, null).items().size());
        var wrongTable = assertThrows(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class, () -> scan("other", id, null, null));
        assertEquals("ValidationException", wrongTable.awsErrorDetails().errorCode());

        ddb.scan(ScanRequest.builder().tableName("released").overrideConfiguration(o -> o.putHeader("x-tributary-snapshot-release", id)).build());
        assertThrows(ResourceNotFoundException.class, () -> scan("released", id, null, null));
        assertThrows(ResourceNotFoundException.class, () -> scan("no-such-table", "new", null, null));
    }
}
