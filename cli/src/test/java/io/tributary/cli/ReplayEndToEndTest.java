package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tributary.connect.archive.ArchiveReader;
import io.tributary.connect.archive.LocalArchiveStore;
import io.tributary.connect.archive.ManifestEntry;
import io.tributary.connect.redis.RedisServer;
import io.tributary.core.model.StreamSettings;
import io.tributary.server.StreamReader;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The archive outlives the stream: changes archived by `tributary sync --to archive:DIR` are trimmed from a
 * stream with a fifteen-second retention; `tributary replay` rebuilds a cache and a search index from the archive
 * and hands over to the live stream for the changes made after the archiver stopped; both then equal the table.
 */
class ReplayEndToEndTest {
    private static final StreamSettings SHORT_RETENTION = new StreamSettings(2, Duration.ofSeconds(2), Duration.ofSeconds(15),
            Duration.ofMillis(200), Duration.ofMinutes(15));

    /** Puts, updates and deletes; returns how many changed an item (a delete of a missing item makes no record). */
    private static int write(DynamoDbClient ddb, Random r, int changes) {
        int changed = 0;
        for (int i = 0; i < changes; i++) {
            String id = "user-" + r.nextInt(400);
            Map<String, AttributeValue> key = Map.of("userId", AttributeValue.fromS(id));
            int n = r.nextInt(1_000_000);
            switch (r.nextInt(4)) {
                case 0, 1 -> ddb.putItem(b -> b.tableName("users").item(Map.of("userId", AttributeValue.fromS(id),
                        "name", AttributeValue.fromS("name " + n), "tags", AttributeValue.fromSs(java.util.List.of("t" + n % 3, "all")))));
                case 2 -> ddb.updateItem(b -> b.tableName("users").key(key).updateExpression("ADD visits :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                default -> {
                    if (ddb.deleteItem(b -> b.tableName("users").key(key).returnValues(ReturnValue.ALL_OLD)).attributes().isEmpty()) changed--;
                }
            }
            changed++;
        }
        return changed;
    }

    private static long archivedCount(Path archive) throws Exception {
        if (!java.nio.file.Files.exists(archive.resolve("_manifest"))) return 0;
        return new ArchiveReader(new LocalArchiveStore(archive)).files("users").stream().mapToLong(ManifestEntry::records).sum();
    }

    @Test
    void a_sink_rebuilt_from_an_archive_older_than_the_stream_equals_the_table(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive");
        try (RedisServer redisServer = RedisServer.start(); TestServer server = TestServer.start(SHORT_RETENTION);
             DynamoDbClient ddb = server.client(); DynamoDbStreamsClient streams = server.streamsClient()) {
            String arn = TestServer.createStreamTable(ddb, "users", "userId", StreamViewType.NEW_AND_OLD_IMAGES);
            Random r = new Random(3);
            Instant began = Instant.now();
            int changes;
            try (SyncProcess archiver = SyncProcess.start(dir.resolve("archiver.log"), "--endpoint", server.endpoint().toString(),
                    "--table", "users", "--to", "archive:" + archive, "--archive-roll-ms", "500", "--checkpoint-ms", "200",
                    "--app", "archiver", "--dead-letters", dir.resolve("dead.jsonl").toString())) {
                changes = write(ddb, r, 3_000);
                Thread.sleep(17_000);
                changes += write(ddb, r, 2_000);
                // Stopped once it has archived both rounds: the hand-over is then tested on the changes made after.
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (archivedCount(archive) < changes && System.nanoTime() < deadline) Thread.sleep(100);
            }
            write(ddb, r, 1_000);

            var files = new ArchiveReader(new LocalArchiveStore(archive)).files("users");
            long archived = files.stream().mapToLong(ManifestEntry::records).sum();
            assertEquals(changes, archived, "the archiver kept both rounds");
            Instant oldestArchived = files.stream().map(ManifestEntry::firstCreationTime).min(Instant::compareTo).orElseThrow();
            Instant oldestInStream = StreamReader.readAll(streams, arn).get(0).dynamodb().approximateCreationDateTime();
            assertTrue(oldestArchived.isBefore(oldestInStream.minusSeconds(5)) && !oldestArchived.isBefore(began.minusSeconds(1)),
                    "the archive's history (" + oldestArchived + ") begins before the stream's (" + oldestInStream + ")");

            Path log = dir.resolve("replay.log");
            SyncProcess replay = SyncProcess.command(log, "replay", "replaying ", "--endpoint", server.endpoint().toString(),
                    "--table", "users", "--archive", archive.toString(), "--to", redisServer.uri(), "--redis-key", "users:{userId}",
                    "--to", "lucene:" + dir.resolve("index"), "--until-caught-up", "--json", "--worker-id", "replayer",
                    "--dead-letters", dir.resolve("dead.jsonl").toString());
            assertEquals(0, replay.waitForExit(120));
            JsonNode summary = SinkContents.summary(log);
            assertEquals(archived, summary.get("changesReplayed").asLong());
            assertTrue(summary.get("streamChangesApplied").asLong() > 0, "the changes made after the archiver stopped came from the stream");
            assertEquals(0, summary.get("gaps").asLong(), "the stream held everything after the archive's positions");
            assertTrue(summary.get("caughtUp").asBoolean());

            Map<String, JsonNode> expected = SinkContents.table(ddb, "users", "userId");
            try (RedisClient client = RedisClient.create(redisServer.uri()); StatefulRedisConnection<String, String> c = client.connect()) {
                SinkContents.assertSame(expected, SinkContents.cache(c.sync(), "users:"), "the cache");
            }
            SinkContents.assertSame(expected, SinkContents.index(dir.resolve("index"), "userId", 1_000), "the search index");
        }
    }
}
