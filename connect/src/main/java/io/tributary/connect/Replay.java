package io.tributary.connect;

import io.tributary.connect.archive.ArchiveReader;
import io.tributary.connect.archive.ManifestEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds a sink from a change archive, from its beginning or from a time, then hands over to the table's
 * live stream at the archive's last position of each shard: history older than the stream's retention comes
 * from the archive, the rest from the stream, and the sinks' per-key versions keep a change read from both
 * from being applied twice out of order.
 */
public final class Replay implements AutoCloseable {
    private static final int BATCH = 1_000;

    /** How far a replay is. */
    public static final class Stats {
        final AtomicLong filesRead = new AtomicLong();
        final AtomicLong changesReplayed = new AtomicLong();
        final AtomicLong changesSkipped = new AtomicLong();
        volatile long changesInArchive;
        volatile long files;

        public long filesRead() { return filesRead.get(); }
        public long files() { return files; }
        /** Changes handed to the sink from the archive. */
        public long changesReplayed() { return changesReplayed.get(); }
        /** Changes of the archive made before --since. */
        public long changesSkipped() { return changesSkipped.get(); }
        /** All changes the archive holds for the table, as its manifest says. */
        public long changesInArchive() { return changesInArchive; }
    }

    private final DynamoDbClient ddb;
    private final DynamoDbStreamsClient streams;
    private final ArchiveReader archive;
    private final String table;
    private final Sink sink;
    private final OnFailureDestination failures;
    private final SyncOptions options;
    private final Instant since;
    private final Stats stats = new Stats();
    private volatile boolean stopping;
    private volatile StreamWorker worker;

    /** {@code since}: replay only changes made at or after it; null for the whole archive. */
    public Replay(DynamoDbClient ddb, DynamoDbStreamsClient streams, ArchiveReader archive, String table, Sink sink,
                  OnFailureDestination failures, SyncOptions options, Instant since) {
        this.ddb = ddb;
        this.streams = streams;
        this.archive = archive;
        this.table = table;
        this.sink = sink;
        this.failures = failures;
        this.options = options;
        this.since = since;
    }

    public Stats stats() {
        return stats;
    }

    public StreamWorker worker() {
        return worker;
    }

    /** Replays the archive into the sink, then starts the stream worker at the archive's positions; null if stopped first. */
    public StreamWorker run() throws Exception {
        List<ManifestEntry> files = archive.files(table);
        stats.files = files.size();
        stats.changesInArchive = files.stream().mapToLong(ManifestEntry::records).sum();
        Map<String, String> handOver = ArchiveReader.lastPositions(files);
        List<ChangeEvent> batch = new ArrayList<>(BATCH);
        for (ManifestEntry file : files) {
            if (stopping) return null;
            if (!ArchiveReader.mayHoldFrom(file, since)) {
                stats.changesSkipped.addAndGet(file.records());
                stats.filesRead.incrementAndGet();
                continue;
            }
            archive.read(file, e -> {
                if (since != null && e.approximateCreationTime() != null && e.approximateCreationTime().isBefore(since)) {
                    stats.changesSkipped.incrementAndGet();
                    return;
                }
                batch.add(e);
                if (batch.size() == BATCH) apply(batch);
            });
            stats.filesRead.incrementAndGet();
        }
        apply(batch);
        sink.flush();
        if (stopping) return null;
        StreamWorker.resetPositions(ddb, options.applicationName());
        worker = new StreamWorker(ddb, streams, table, sink, failures,
                options.withStartingPosition(StartingPosition.afterPositions(handOver))).start();
        return worker;
    }

    private void apply(List<ChangeEvent> batch) {
        if (batch.isEmpty()) return;
        try {
            sink.apply(List.copyOf(batch));
        } catch (Exception e) {
            throw new IllegalStateException("the destination refused changes from the archive: " + e.getMessage(), e);
        }
        stats.changesReplayed.addAndGet(batch.size());
        batch.clear();
    }

    @Override
    public void close() {
        stopping = true;
        StreamWorker w = worker;
        if (w != null) w.close();
    }
}
