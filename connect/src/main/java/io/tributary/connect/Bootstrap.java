package io.tributary.connect;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fills an empty sink from a table's current contents, then hands over to the table's stream without a gap
 * (docs/architecture.md, "Bootstrap").
 *
 * <p>Against Tributary the scan reads a read snapshot the server froze between two writes, which says where
 * every shard of the stream stood: the snapshot's items are applied at the snapshot's sequence number, then the
 * stream is read from those positions, so every change is applied exactly in order. Against AWS DynamoDB or
 * DynamoDB Local there is no snapshot: the items of a plain scan are applied at a version below every stream
 * record and the stream is read from one second before the scan began, so each key may briefly go back to a
 * state older than the scan's while the stream catches up, and equals the table once it has.
 *
 * <p>The scan runs in parallel segments; every checkpoint interval the sink is flushed and each segment's last
 * applied key written to the application's lease table, from where an interrupted bootstrap goes on.
 */
public final class Bootstrap implements AutoCloseable {
    private static final String SNAPSHOT = "x-tributary-snapshot";
    private static final String SEQUENCE = "x-tributary-snapshot-sequence";
    private static final String SHARDS = "x-tributary-snapshot-shards";
    private static final String RELEASE = "x-tributary-snapshot-release";
    private static final int ATTEMPTS = 10;

    private final DynamoDbClient ddb;
    private final DynamoDbStreamsClient streams;
    private final String table;
    private final Sink sink;
    private final OnFailureDestination failures;
    private final SyncOptions options;
    private final int segments;
    private final Integer pageItems;
    private final LeaseTable leases;
    private final BootstrapStats stats = new BootstrapStats();
    private final Object progressLock = new Object();
    private List<String> keyNames;
    private String streamArn;
    private BootstrapState state;
    private String[] segmentKeys;
    private long applied;
    private volatile boolean stopping;
    private volatile StreamWorker worker;

    /** {@code pageItems}: the most items a scan page holds (its Limit), or null for the server's 1 MB pages. */
    public Bootstrap(DynamoDbClient ddb, DynamoDbStreamsClient streams, String table, Sink sink, OnFailureDestination failures,
                     SyncOptions options, int segments, Integer pageItems) {
        if (segments < 1) throw new IllegalArgumentException("at least one scan segment");
        if (pageItems != null && pageItems < 1) throw new IllegalArgumentException("a scan page holds at least one item");
        this.pageItems = pageItems;
        this.ddb = ddb;
        this.streams = streams;
        this.table = table;
        this.sink = sink;
        this.failures = failures;
        this.options = options;
        this.segments = segments;
        this.leases = new LeaseTable(ddb, options.applicationName());
    }

    public BootstrapStats stats() {
        return stats;
    }

    /** The stream worker once the scan is over, else null. */
    public StreamWorker worker() {
        return worker;
    }

    /**
     * Scans the table (or goes on with an interrupted scan), then starts reading the stream; returns the running
     * stream worker, or null if {@link #close} stopped the scan.
     */
    public StreamWorker run() throws Exception {
        TableDescription description = ddb.describeTable(b -> b.tableName(table)).table();
        if (description.latestStreamArn() == null || description.streamSpecification() == null
                || !Boolean.TRUE.equals(description.streamSpecification().streamEnabled())) {
            throw new IllegalArgumentException("table " + table + " has no stream; enable one with UpdateTable");
        }
        streamArn = description.latestStreamArn();
        keyNames = description.keySchema().stream().map(KeySchemaElement::attributeName).toList();
        stats.tableItemsEstimate = description.itemCount() == null ? 0 : description.itemCount();
        leases.createIfMissing();
        state = BootstrapState.load(leases, table);
        if (state == null || state.segmentKeys().size() != segments && !state.scanDone()) {
            if (state != null && state.itemsApplied() > 0) {
                throw new IllegalArgumentException("an interrupted bootstrap of " + table + " scanned in " + state.segmentKeys().size()
                        + " segments; go on with the same number");
            }
            state = begin();
        } else {
            stats.resumedFrom = state.itemsApplied();
        }
        stats.consistentSnapshot = state.usesSnapshot();
        stats.itemsApplied = state.itemsApplied();
        if (!state.scanDone()) scan();
        if (stopping) return null;
        stats.scanDone = true;
        if (state.snapshotId() != null) release(state.snapshotId());
        StartingPosition handOver = state.usesSnapshot() ? StartingPosition.afterPositions(state.handOver())
                : StartingPosition.atTimestamp(Instant.ofEpochMilli(state.scanStartedMillis()).minusSeconds(1));
        worker = new StreamWorker(ddb, streams, table, sink, failures, options.withStartingPosition(handOver)).start();
        return worker;
    }

    private BootstrapState begin() {
        // Positions an earlier run of the application left would hand over at the wrong place.
        StreamWorker.resetPositions(ddb, options.applicationName());
        long started = System.currentTimeMillis();
        ScanResponse first = newSnapshot();
        String id = first.sdkHttpResponse().firstMatchingHeader(SNAPSHOT).orElse(null);
        List<String> keys = Collections.nCopies(segments, "");
        BootstrapState s = id == null ? new BootstrapState(null, "0", null, started, keys, 0, false)
                : new BootstrapState(id, first.sdkHttpResponse().firstMatchingHeader(SEQUENCE).orElseThrow(),
                        positions(first.sdkHttpResponse().firstMatchingHeader(SHARDS).orElse("")), started, keys, 0, false);
        s.save(leases, table);
        return s;
    }

    /** A one-item Scan asking for a new read snapshot; a server without them answers it as a plain Scan. */
    private ScanResponse newSnapshot() {
        return ddb.scan(ScanRequest.builder().tableName(table).limit(1).segment(0).totalSegments(segments)
                .overrideConfiguration(o -> o.putHeader(SNAPSHOT, "new")).build());
    }

    private static Map<String, String> positions(String header) {
        Map<String, String> positions = new LinkedHashMap<>();
        for (String p : header.split(",")) {
            int eq = p.indexOf('=');
            if (eq > 0) positions.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return positions;
    }

    private void scan() throws Exception {
        segmentKeys = state.segmentKeys().toArray(String[]::new);
        applied = state.itemsApplied();
        ExecutorService pool = Executors.newFixedThreadPool(segments, r -> {
            Thread t = new Thread(r, "bootstrap-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                int segment = s;
                running.add(pool.submit(() -> {
                    scanSegment(segment);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                while (true) {
                    try {
                        f.get(options.checkpointInterval().toMillis(), TimeUnit.MILLISECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException notYet) {
                        checkpoint(false);
                    }
                }
            }
            checkpoint(!stopping);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdownNow();
        }
    }

    private void scanSegment(int segment) throws Exception {
        while (!stopping) {
            String from;
            synchronized (progressLock) {
                from = segmentKeys[segment];
            }
            if (BootstrapState.END.equals(from)) return;
            Map<String, AttributeValue> start = from.isEmpty() ? null : KeyJson.parse(from);
            ScanResponse page = null;
            String version = null;
            for (int attempt = 1; page == null; attempt++) {
                String snapshot;
                synchronized (progressLock) {
                    snapshot = state.snapshotId();
                    version = state.itemVersion();
                }
                try {
                    ScanRequest.Builder request = ScanRequest.builder().tableName(table).segment(segment).totalSegments(segments)
                            .exclusiveStartKey(start).limit(pageItems);
                    if (snapshot != null) request.overrideConfiguration(o -> o.putHeader(SNAPSHOT, snapshot));
                    page = ddb.scan(request.build());
                } catch (ResourceNotFoundException e) {
                    if (snapshot == null || !e.getMessage().contains("Snapshot")) throw e;
                    renewSnapshot(snapshot);
                } catch (SdkException e) {
                    if (attempt >= ATTEMPTS) throw e;
                    backOff(attempt);
                }
            }
            stats.itemsRead.addAndGet(page.items().size());
            apply(page.items(), version);
            boolean last = !page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty();
            synchronized (progressLock) {
                segmentKeys[segment] = last ? BootstrapState.END : KeyJson.write(page.lastEvaluatedKey());
                applied += page.items().size();
            }
        }
    }

    private void apply(List<Map<String, AttributeValue>> items, String version) throws Exception {
        if (items.isEmpty()) return;
        Instant now = Instant.now();
        List<ChangeEvent> events = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            Map<String, Object> image = PlainValues.item(item);
            Map<String, Object> keys = new LinkedHashMap<>();
            for (String k : keyNames) keys.put(k, image.get(k));
            events.add(new ChangeEvent(table, EventName.INSERT, Collections.unmodifiableMap(keys), null, image, version, now,
                    null, 0, null, null, streamArn, null));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                sink.apply(events);
                return;
            } catch (Exception e) {
                if (attempt >= ATTEMPTS || stopping) throw e;
                backOff(attempt);
            }
        }
    }

    /** The server no longer holds the snapshot (it restarted): scanning goes on in a new one, the stream from the first one's positions. */
    private void renewSnapshot(String lost) {
        synchronized (progressLock) {
            if (!lost.equals(state.snapshotId())) return;
            ScanResponse r = newSnapshot();
            String id = r.sdkHttpResponse().firstMatchingHeader(SNAPSHOT).orElseThrow(
                    () -> new IllegalStateException("the server no longer offers read snapshots"));
            // Items of the new snapshot are applied at its own, later, sequence: stream records between the two are older.
            state = state.withSnapshot(id, r.sdkHttpResponse().firstMatchingHeader(SEQUENCE).orElseThrow());
            stats.snapshotsRenewed++;
        }
    }

    private void checkpoint(boolean done) throws Exception {
        List<String> keys;
        long count;
        synchronized (progressLock) {
            keys = List.of(segmentKeys);
            count = applied;
        }
        sink.flush();
        BootstrapState next;
        synchronized (progressLock) {
            state = state.with(keys, count, done && keys.stream().allMatch(BootstrapState.END::equals));
            next = state;
        }
        next.save(leases, table);
        stats.itemsApplied = count;
    }

    private void release(String snapshot) {
        try {
            ddb.scan(ScanRequest.builder().tableName(table).limit(1).overrideConfiguration(o -> o.putHeader(RELEASE, snapshot)).build());
        } catch (SdkException e) {
            // it goes by itself after ten idle minutes
        }
    }

    private static void backOff(int attempt) throws InterruptedException {
        Thread.sleep(Math.min(5_000, 50L << Math.min(attempt, 7)));
    }

    /** Stops the scan at its next page (checkpointing what was applied) or the stream worker. */
    @Override
    public void close() {
        stopping = true;
        StreamWorker w = worker;
        if (w != null) w.close();
    }
}
