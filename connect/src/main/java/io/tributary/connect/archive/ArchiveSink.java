package io.tributary.connect.archive;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.SequenceNumbers;
import io.tributary.connect.Sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The long-term change history (docs/archive-format.md): each change a line of gzip-compressed JSON Lines, in
 * files partitioned by table, date and hour of the change, rolled by size and by age, published atomically
 * with a manifest entry each.
 *
 * <p>A file is written on local disk (the spool) until it rolls; {@link #flush}, called before a checkpoint,
 * syncs it, so a change acknowledged to the stream survives a crash. On start the sink recovers: spool files
 * a crash left are published (their whole lines), published files without a manifest entry get one, and the
 * last sequence number of every shard is read from the manifest, so changes delivered again are not
 * archived twice. One process writes an archive at a time.
 */
public final class ArchiveSink implements Sink {
    /** How big and how old a file may grow before it is published. */
    public record Rolling(long maxBytes, Duration maxAge) {
        public static final Rolling DEFAULT = new Rolling(64L << 20, Duration.ofMinutes(1));
    }

    private final ArchiveStore store;
    private final Path spool;
    private final Rolling rolling;
    private final long startMillis = System.currentTimeMillis();
    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private long counter;
    private final Map<String, SpoolFile> open = new LinkedHashMap<>();
    private final Map<String, String> table = new HashMap<>();
    private final Map<String, String> lastArchived = new HashMap<>();
    private final ScheduledExecutorService roller;
    private long published;

    /** {@code spool}: a local directory for the files being written; in the archive's own tree when it is a local one. */
    public ArchiveSink(ArchiveStore store, Path spool, Rolling rolling) throws IOException {
        this.store = store;
        this.spool = spool.toAbsolutePath();
        this.rolling = rolling;
        Files.createDirectories(this.spool);
        recover();
        roller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "archive-roller");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(100, Math.min(1_000, rolling.maxAge().toMillis() / 4));
        roller.scheduleWithFixedDelay(this::rollAged, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** A sink archiving into a local directory, its spool inside it. */
    public static ArchiveSink local(Path directory, Rolling rolling) throws IOException {
        LocalArchiveStore store = new LocalArchiveStore(directory);
        return new ArchiveSink(store, store.root().resolve("_spool"), rolling);
    }

    @Override
    public synchronized void apply(List<ChangeEvent> changes) throws IOException {
        for (ChangeEvent e : changes) {
            if (e.shardId() != null) {
                String last = lastArchived.get(e.shardId());
                if (last != null && SequenceNumbers.compare(e.sequenceNumber(), last) <= 0) continue;
                lastArchived.put(e.shardId(), e.sequenceNumber());
            }
            String partition = ArchiveNames.partition(e.table(), e.approximateCreationTime() != null ? e.approximateCreationTime() : Instant.now());
            SpoolFile file = open.get(partition);
            if (file == null) {
                String name = ArchiveNames.dataFile(partition, startMillis, ++counter, tag);
                file = new SpoolFile(spool.resolve(name), name);
                open.put(partition, file);
                table.put(partition, e.table());
            }
            file.append(e);
            if (file.uncompressedBytes() >= rolling.maxBytes()) publish(partition);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        for (SpoolFile f : open.values()) f.sync();
    }

    /** Files published so far by this sink. */
    public synchronized long publishedFiles() {
        return published;
    }

    private synchronized void rollAged() {
        long now = System.nanoTime();
        try {
            for (String partition : new ArrayList<>(open.keySet())) {
                if (now - open.get(partition).openedNanos >= rolling.maxAge().toNanos()) publish(partition);
            }
        } catch (IOException e) {
            System.err.println("archive: publishing a file failed, trying again: " + e);
        }
    }

    private void publish(String partition) throws IOException {
        SpoolFile file = open.get(partition);
        ManifestEntry entry = file.close(table.get(partition));
        store.publish(file.path, file.name);
        store.publish(entry.toJson(), ArchiveNames.manifestOf(file.name));
        open.remove(partition);
        published++;
    }

    private void recover() throws IOException {
        if (store instanceof LocalArchiveStore local) local.removeStaged();
        List<String> manifest = store.list(ArchiveNames.MANIFEST);
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (String m : manifest) {
            listed.add(ArchiveNames.dataOf(m));
            try (InputStream in = store.open(m)) {
                noteArchived(ManifestEntry.parse(in.readAllBytes()));
            }
        }
        // a crash between publishing a file and its manifest entry
        for (String name : store.list("")) {
            if (ArchiveNames.isDataFile(name) && !listed.contains(name)) {
                ManifestEntry entry = describe(name);
                store.publish(entry.toJson(), ArchiveNames.manifestOf(name));
                noteArchived(entry);
            }
        }
        List<Path> leftovers;
        try (Stream<Path> files = Files.walk(spool)) {
            leftovers = files.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path leftover : leftovers) {
            String name = spool.relativize(leftover).toString().replace('\\', '/');
            if (!ArchiveNames.isDataFile(name) || store.exists(name)) {
                Files.delete(leftover);
                continue;
            }
            List<ChangeEvent> events = SpoolFile.salvage(leftover);
            Files.delete(leftover);
            if (events.isEmpty()) continue;
            SpoolFile rewritten = new SpoolFile(leftover, name);
            for (ChangeEvent e : events) rewritten.append(e);
            ManifestEntry entry = rewritten.close(events.get(0).table());
            store.publish(leftover, name);
            store.publish(entry.toJson(), ArchiveNames.manifestOf(name));
            noteArchived(entry);
        }
    }

    /** The manifest entry of a published file, read from the file itself. */
    private ManifestEntry describe(String name) throws IOException {
        Path copy = Files.createTempFile("archive", ".jsonl.gz");
        try {
            try (InputStream in = store.open(name)) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            FileContents contents = new FileContents();
            List<ChangeEvent> events = SpoolFile.salvage(copy);
            events.forEach(contents::add);
            String table = events.isEmpty() ? name.substring(0, name.indexOf('/')) : events.get(0).table();
            return contents.entry(name, table, Files.size(copy));
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private void noteArchived(ManifestEntry entry) {
        ArchiveReader.lastPositions(List.of(entry)).forEach((shard, seq) -> lastArchived.merge(shard, seq,
                (a, b) -> SequenceNumbers.compare(a, b) >= 0 ? a : b));
    }

    /** Publishes every open file. */
    @Override
    public synchronized void close() throws IOException {
        roller.shutdownNow();
        for (String partition : new ArrayList<>(open.keySet())) publish(partition);
        store.close();
    }
}
