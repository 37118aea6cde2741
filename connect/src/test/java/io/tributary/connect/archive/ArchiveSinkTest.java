package io.tributary.connect.archive;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

/** The archive sink's files, manifest, rolling and crash recovery, on a local directory. */
class ArchiveSinkTest {
    private static final Instant T0 = Instant.parse("2026-12-07T09:59:58Z");

    @TempDir
    Path dir;

    static ChangeEvent event(String shard, long seq, Instant time, EventName name, String id) {
        Map<String, Object> keys = Map.of("id", id);
        Map<String, Object> image = new LinkedHashMap<>(keys);
        image.put("n", new BigDecimal(seq));
        image.put("tags", Set.of("a", "b"));
        image.put("bin", ByteBuffer.wrap(new byte[] {1, 2, 3}).asReadOnlyBuffer());
        image.put("list", List.of("x", new BigDecimal("1.5"), Map.of("deep", true)));
        image.put("nothing", null);
        return new ChangeEvent("orders", name, keys, name == EventName.INSERT ? null : Map.copyOf(keys),
                name == EventName.REMOVE ? null : image, String.format("%021d", seq), time, shard, 100, "e" + seq,
                "us-east-1", "arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-12-07T00:00:00.000", "NEW_AND_OLD_IMAGES");
    }

    @Test
    void changes_are_partitioned_by_hour_and_read_back_through_the_manifest_unchanged() throws Exception {
        List<ChangeEvent> written = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            written.add(event("shard-1", i, T0.plusSeconds(i - 1), i == 6 ? EventName.REMOVE : i == 1 ? EventName.INSERT : EventName.MODIFY, "k" + (i % 2)));
        }
        try (ArchiveSink sink = ArchiveSink.local(dir, ArchiveSink.Rolling.DEFAULT)) {
            sink.apply(written);
        }
        ArchiveReader reader = new ArchiveReader(new LocalArchiveStore(dir));
        List<ManifestEntry> files = reader.files("orders");
        assertEquals(2, files.size(), "one file per hour");
        assertTrue(files.get(0).file().startsWith("orders/date=2026-12-07/hour=09/part-"), files.get(0).file());
        assertTrue(files.get(1).file().startsWith("orders/date=2026-12-07/hour=10/part-"), files.get(1).file());
        assertEquals(2, files.get(0).records());
        assertEquals(4, files.get(1).records());
        assertEquals(1, files.get(1).removes());
        assertEquals(new ManifestEntry.ShardSpan(String.format("%021d", 3), String.format("%021d", 6), 4), files.get(1).shards().get("shard-1"));
        assertEquals(T0.plusSeconds(2), files.get(1).firstCreationTime());
        assertEquals(Files.size(dir.resolve(files.get(1).file())), files.get(1).compressedBytes());

        List<ChangeEvent> read = new ArrayList<>();
        for (ManifestEntry f : files) reader.read(f, read::add);
        assertEquals(written, read);
        assertEquals(Map.of("shard-1", String.format("%021d", 6)), ArchiveReader.lastPositions(files));
    }

    @Test
    void files_roll_by_size_and_by_age() throws Exception {
        try (ArchiveSink sink = ArchiveSink.local(dir, new ArchiveSink.Rolling(2_000, Duration.ofMillis(300)))) {
            for (int i = 1; i <= 10; i++) sink.apply(List.of(event("s", i, T0, EventName.MODIFY, "k")));
            long bySize = sink.publishedFiles();
            assertTrue(bySize >= 2, "files of about 2,000 bytes: " + bySize);
            sink.apply(List.of(event("s", 11, T0, EventName.MODIFY, "k")));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sink.publishedFiles() == bySize && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(bySize + 1, sink.publishedFiles(), "the open file is published once it is old enough");
        }
        List<ChangeEvent> read = readAll();
        assertEquals(11, read.size());
    }

    @Test
    void changes_delivered_again_are_archived_once() throws Exception {
        try (ArchiveSink sink = ArchiveSink.local(dir, ArchiveSink.Rolling.DEFAULT)) {
            sink.apply(List.of(event("a", 1, T0, EventName.INSERT, "k"), event("a", 2, T0, EventName.MODIFY, "k")));
            sink.apply(List.of(event("a", 2, T0, EventName.MODIFY, "k"), event("a", 3, T0, EventName.MODIFY, "k")));
        }
        try (ArchiveSink again = ArchiveSink.local(dir, ArchiveSink.Rolling.DEFAULT)) {
            again.apply(List.of(event("a", 1, T0, EventName.INSERT, "k"), event("a", 3, T0, EventName.MODIFY, "k"),
                    event("a", 4, T0, EventName.MODIFY, "k"), event("b", 1, T0, EventName.INSERT, "j")));
        }
        assertEquals(List.of("a1", "a2", "a3", "a4", "b1"), readAll().stream().map(e -> e.shardId() + Long.parseLong(e.sequenceNumber())).sorted().toList());
    }

    @Test
    void a_crash_leaves_no_partial_file_and_loses_nothing_that_was_flushed() throws Exception {
        ArchiveSink crashed = ArchiveSink.local(dir, new ArchiveSink.Rolling(1L << 30, Duration.ofHours(1)));
        crashed.apply(List.of(event("a", 1, T0, EventName.INSERT, "k"), event("a", 2, T0, EventName.MODIFY, "k")));
        crashed.flush();
        crashed.apply(List.of(event("a", 3, T0, EventName.MODIFY, "k")));
        crashed.flush();
        assertEquals(List.of(), dataFiles(), "nothing published while the file is open");
        // the torn start of a member that never finished, as a crash mid-write leaves it
        try (Stream<Path> spooled = Files.walk(dir.resolve("_spool"))) {
            Path file = spooled.filter(Files::isRegularFile).findFirst().orElseThrow();
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 0x4b, 0x4c});
            }
        }
        // the process dies here: no close

        try (ArchiveSink recovered = ArchiveSink.local(dir, ArchiveSink.Rolling.DEFAULT)) {
            recovered.apply(List.of(event("a", 3, T0, EventName.MODIFY, "k"), event("a", 4, T0, EventName.MODIFY, "k")));
        }
        assertEquals(List.of("1", "2", "3", "4"), readAll().stream().map(e -> String.valueOf(Long.parseLong(e.sequenceNumber()))).toList());
        for (Path f : dataFiles()) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                in.readAllBytes();
            }
        }
        try (Stream<Path> left = Files.walk(dir.resolve("_spool"))) {
            assertEquals(0, left.filter(Files::isRegularFile).count());
        }
    }

    @Test
    void a_file_published_without_its_manifest_entry_gets_one_on_start() throws Exception {
        try (ArchiveSink sink = ArchiveSink.local(dir, ArchiveSink.Rolling.DEFAULT)) {
            sink.apply(List.of(event("a", 1, T0, EventName.INSERT, "k")));
        }
        ManifestEntry before = new ArchiveReader(new LocalArchiveStore(dir)).files("orders").get(0);
        Files.delete(dir.resolve(ArchiveNames.manifestOf(before.file())));
        try (ArchiveSink restarted = ArchiveSink.local(dir, ArchiveSink.Rolling.DEFAULT)) {
            restarted.apply(List.of(event("a", 1, T0, EventName.INSERT, "k")));
        }
        List<ManifestEntry> after = new ArchiveReader(new LocalArchiveStore(dir)).files("orders");
        assertEquals(1, after.size(), "the change delivered again is not archived again");
        assertEquals(before.shards(), after.get(0).shards());
        assertEquals(before.records(), after.get(0).records());
    }

    private List<ChangeEvent> readAll() throws IOException {
        ArchiveReader reader = new ArchiveReader(new LocalArchiveStore(dir));
        List<ChangeEvent> read = new ArrayList<>();
        for (ManifestEntry f : reader.files("orders")) reader.read(f, read::add);
        return read;
    }

    private List<Path> dataFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsonl.gz") && !dir.relativize(f).toString().startsWith("_")).toList();
        }
    }
}
