package io.tributary.connect;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bootstrap's progress, kept in its application's lease table under {@code tributary:bootstrap:TABLE} so an
 * interrupted bootstrap goes on where its last checkpoint was.
 *
 * @param snapshotId     the server's read snapshot being scanned (Tributary), or null (a plain scan)
 * @param itemVersion    the sequence number the scanned items are applied at: the snapshot's sequence, or "0"
 *                       (below every stream record) for a plain scan
 * @param handOver       where the stream takes over: for each shard the last sequence number the snapshot holds
 * @param scanStartedMillis when a plain scan began; its stream is read from one second before
 * @param segmentKeys    per scan segment the last key applied (typed JSON), "" before the first page, END when done
 * @param itemsApplied   items applied up to these keys
 * @param scanDone       the scan is over; the stream goes on from the hand-over
 */
record BootstrapState(String snapshotId, String itemVersion, Map<String, String> handOver, long scanStartedMillis,
                      List<String> segmentKeys, long itemsApplied, boolean scanDone) {
    static final String END = "END";

    static String rowKey(String table) {
        return LeaseTable.RESERVED_PREFIX + "bootstrap:" + table;
    }

    boolean usesSnapshot() {
        return handOver != null;
    }

    BootstrapState with(List<String> keys, long applied, boolean done) {
        return new BootstrapState(snapshotId, itemVersion, handOver, scanStartedMillis, keys, applied, done);
    }

    BootstrapState withSnapshot(String id, String version) {
        return new BootstrapState(id, version, handOver, scanStartedMillis, segmentKeys, itemsApplied, scanDone);
    }

    static BootstrapState load(LeaseTable leases, String table) {
        Map<String, AttributeValue> item = leases.client().getItem(b -> b.tableName(leases.name())
                .key(Map.of("leaseKey", AttributeValue.fromS(rowKey(table)))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return null;
        Map<String, String> handOver = null;
        if (item.containsKey("handOver")) {
            handOver = new LinkedHashMap<>();
            for (var e : item.get("handOver").m().entrySet()) handOver.put(e.getKey(), e.getValue().s());
        }
        List<String> keys = new ArrayList<>();
        for (AttributeValue k : item.get("segmentKeys").l()) keys.add(k.s());
        return new BootstrapState(item.containsKey("snapshotId") ? item.get("snapshotId").s() : null, item.get("itemVersion").s(),
                handOver, Long.parseLong(item.get("scanStartedMillis").n()), keys, Long.parseLong(item.get("itemsApplied").n()),
                item.get("scanDone").bool());
    }

    void save(LeaseTable leases, String table) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("leaseKey", AttributeValue.fromS(rowKey(table)));
        if (snapshotId != null) item.put("snapshotId", AttributeValue.fromS(snapshotId));
        item.put("itemVersion", AttributeValue.fromS(itemVersion));
        if (handOver != null) {
            Map<String, AttributeValue> m = new HashMap<>();
            handOver.forEach((shard, seq) -> m.put(shard, AttributeValue.fromS(seq)));
            item.put("handOver", AttributeValue.fromM(m));
        }
        item.put("scanStartedMillis", AttributeValue.fromN(Long.toString(scanStartedMillis)));
        item.put("segmentKeys", AttributeValue.fromL(segmentKeys.stream().map(AttributeValue::fromS).toList()));
        item.put("itemsApplied", AttributeValue.fromN(Long.toString(itemsApplied)));
        item.put("scanDone", AttributeValue.fromBool(scanDone));
        leases.client().putItem(b -> b.tableName(leases.name()).item(item));
    }
}
