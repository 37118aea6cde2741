package io.tributary.cli;

import io.tributary.connect.archive.ArchiveReader;
import io.tributary.connect.archive.LocalArchiveStore;
import io.tributary.connect.archive.ManifestEntry;
import io.tributary.server.StreamReader;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `tributary sync --to archive:DIR` killed with SIGKILL at random moments while changes keep coming: no reader
 * listing the archive ever sees a partial file, and in the end every change of the stream is in exactly one
 * published file.
 */
class ArchiveKillTest {
    private static final int CHANGES = 6_000, KILLS = 3;

    @Test
    void every_change_is_in_exactly_one_published_file_across_kills(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive");
        try (TestServer server = TestServer.start(); DynamoDbClient ddb = server.client(); DynamoDbStreamsClient streams = server.streamsClient()) {
            String arn = TestServer.createStreamTable(ddb, "orders", "id", StreamViewType.NEW_AND_OLD_IMAGES);
            String[] args = {"--endpoint", server.endpoint().toString(), "--table", "orders", "--to", "archive:" + archive,
                    "--archive-roll-bytes", "20000", "--archive-roll-ms", "200", "--checkpoint-ms", "100", "--worker-id", "archiver",
                    "--dead-letters", dir.resolve("dead.jsonl").toString()};
            Path log = dir.resolve("sync.log");
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> unreadable = new ConcurrentLinkedQueue<>();
            AtomicInteger filesRead = new AtomicInteger();
            Thread lister = new Thread(() -> {
                while (writing.get()) {
                    for (Path f : dataFiles(archive)) {
                        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                            in.readAllBytes();
                            filesRead.incrementAndGet();
                        } catch (java.nio.file.NoSuchFileException gone) {
                            // listed and then not there: data files are never deleted, so this is a failure too
                            unreadable.add(f + ": " + gone);
                        } catch (Exception e) {
                            unreadable.add(f + ": " + e);
                        }
                    }
                }
            });
            lister.start();

            Random random = new Random(7);
            SyncProcess worker = SyncProcess.start(log, args);
            List<Integer> killAt = new ArrayList<>();
            for (int k = 1; k <= KILLS; k++) killAt.add(k * CHANGES / (KILLS + 1) + random.nextInt(500));
            for (int i = 0; i < CHANGES; i++) {
                String id = "o" + random.nextInt(300);
                if (random.nextInt(5) == 0) {
                    ddb.deleteItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS(id))));
                } else {
                    int n = i;
                    ddb.putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS(id), "n", AttributeValue.fromN(Integer.toString(n)))));
                }
                if (killAt.contains(i)) {
                    worker.kill();
                    worker = SyncProcess.start(log, args);
                }
            }
            List<Record> records = StreamReader.readAll(streams, arn);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (archived(archive).size() < records.size() && System.nanoTime() < deadline) Thread.sleep(200);
            worker.close();
            writing.set(false);
            lister.join();

            assertEquals(List.of(), List.copyOf(unreadable), "files listed while being written or recovered");
            assertTrue(filesRead.get() > 0);
            Map<String, Integer> times = new HashMap<>();
            for (String position : archived(archive)) times.merge(position, 1, Integer::sum);
            List<String> expected = new ArrayList<>();
            for (Record r : records) expected.add(Long.parseLong(r.dynamodb().sequenceNumber()) + "");
            assertEquals(expected.size(), times.size(), "every change of the stream, nothing else");
            for (String seq : expected) assertEquals(1, times.getOrDefault(seq, 0), "change " + seq + " is in exactly one file");
        }
    }

    /** The sequence numbers in the archive's published files, through its manifest. */
    private static List<String> archived(Path archive) throws Exception {
        List<String> seqs = new ArrayList<>();
        if (!Files.exists(archive)) return seqs;
        ArchiveReader reader = new ArchiveReader(new LocalArchiveStore(archive));
        for (ManifestEntry f : reader.files("orders")) reader.read(f, e -> seqs.add(Long.parseLong(e.sequenceNumber()) + ""));
        return seqs;
    }

    private static List<Path> dataFiles(Path archive) {
        if (!Files.exists(archive)) return List.of();
        try (Stream<Path> files = Files.walk(archive)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz") && !archive.relativize(f).toString().startsWith("_")).toList();
        } catch (Exception e) {
            return List.of();
        }
    }
}
