package io.tributary.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tributary.connect.Bootstrap;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.Replay;
import io.tributary.connect.Sink;
import io.tributary.connect.StartingPosition;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.SyncOptions;
import io.tributary.connect.archive.ArchiveReader;
import io.tributary.connect.archive.ArchiveSink;
import io.tributary.connect.archive.LocalArchiveStore;
import io.tributary.connect.lucene.LuceneSink;
import io.tributary.connect.redis.KeyTemplate;
import io.tributary.connect.redis.RedisSink;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuild rates (issue 39): a table of {@code items} 200-byte items bootstrapped into Redis and into Lucene
 * (items a second of the scan phase), its stream archived (changes a second), and the archive replayed into
 * Redis (changes a second).
 */
final class RebuildBench {
    record Result(long items, double loadSeconds, String mode, double redisItemsPerSecond, double luceneItemsPerSecond,
                  double archiveChangesPerSecond, double replayChangesPerSecond) {}

    private final URI endpoint;
    private final String redisUri;
    private final Path work;
    private final int items;
    private final int segments;

    RebuildBench(URI endpoint, String redisUri, Path work, int items, int segments) {
        this.endpoint = endpoint;
        this.redisUri = redisUri;
        this.work = work;
        this.items = items;
        this.segments = segments;
    }

    Result run() throws Exception {
        try (DynamoDbClient ddb = SdkLoad.client(endpoint); DynamoDbStreamsClient streams = SyncBench.streamsClient(endpoint)) {
            ddb.createTable(b -> b.tableName("rebuild").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
            ddb.waiter().waitUntilTableExists(b -> b.tableName("rebuild"));
            long loadStart = System.nanoTime();
            load(ddb);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            flushRedis();
            double redisRate, luceneRate;
            Bootstrap lucene;
            try (Sink sink = new RedisSink(redisUri, new KeyTemplate("rebuild:{pk}"), RedisSink.Mode.WRITE_THROUGH)) {
                redisRate = scanRate(new Bootstrap(ddb, streams, "rebuild", sink, OnFailureDestination.discard(),
                        options("bench-bootstrap-redis"), segments, null));
            }
            try (Sink sink = new LuceneSink(work.resolve("rebuild-index"), Map.of())) {
                lucene = new Bootstrap(ddb, streams, "rebuild", sink, OnFailureDestination.discard(), options("bench-bootstrap-lucene"), segments, null);
                luceneRate = scanRate(lucene);
            }
            String mode = lucene.stats().consistentSnapshot() ? "snapshot" : "scan";

            Path archive = work.resolve("rebuild-archive");
            AtomicLong archived = new AtomicLong();
            ArchiveSink archiveSink = ArchiveSink.local(archive, ArchiveSink.Rolling.DEFAULT);
            Sink counting = SyncBench.counting(archiveSink, archived);
            long archiveStart = System.nanoTime();
            try (StreamWorker worker = new StreamWorker(ddb, streams, "rebuild", counting, OnFailureDestination.discard(),
                    options("bench-archive").withBatchSize(1000))) {
                worker.start();
                long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
                while (archived.get() < items && System.nanoTime() < end) Thread.sleep(20);
            }
            double archiveRate = archived.get() / ((System.nanoTime() - archiveStart) / 1e9);
            archiveSink.close();

            flushRedis();
            Sink redisAgain = new RedisSink(redisUri, new KeyTemplate("rebuild:{pk}"), RedisSink.Mode.WRITE_THROUGH);
            Replay replay = new Replay(ddb, streams, new ArchiveReader(new LocalArchiveStore(archive)), "rebuild", redisAgain,
                    OnFailureDestination.discard(), options("bench-replay"), null);
            long replayStart = System.nanoTime();
            replay.run();
            double replayRate = replay.stats().changesReplayed() / ((System.nanoTime() - replayStart) / 1e9);
            replay.close();
            redisAgain.close();
            return new Result(items, loadSeconds, mode, redisRate, luceneRate, archiveRate, replayRate);
        }
    }

    /** Items a second of the bootstrap's scan phase (the table into the sink, flushed), then it is closed. */
    private static double scanRate(Bootstrap bootstrap) throws Exception {
        long start = System.nanoTime();
        bootstrap.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        bootstrap.close();
        return bootstrap.stats().itemsApplied() / seconds;
    }

    private SyncOptions options(String app) {
        return SyncOptions.defaults(app).withStartingPosition(StartingPosition.TRIM_HORIZON)
                .withLeaseDuration(Duration.ofSeconds(10)).withCheckpointInterval(Duration.ofSeconds(1));
    }

    private void flushRedis() {
        try (RedisClient client = RedisClient.create(redisUri); StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
        }
    }

    private void load(DynamoDbClient ddb) throws Exception {
        BatchLoad.write(ddb, "rebuild", items, (thread, j) -> Map.of("pk", AttributeValue.fromS("item-" + thread + "-" + j),
                "name", AttributeValue.fromS("name " + j + " of writer " + thread), "n", AttributeValue.fromN(Integer.toString(j)),
                "body", AttributeValue.fromS("x".repeat(140))));
    }
}
