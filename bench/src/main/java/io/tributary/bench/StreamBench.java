package io.tributary.bench;

import org.HdrHistogram.Histogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The change-data-capture scenarios: how soon a write is readable from the stream, and how fast a stream drains. */
final class StreamBench {
    record Latency(Histogram micros, int writes, int seen) {}

    /** The same records drained through the SDK, as applications read, and with raw requests: the median reading of each. */
    record Drain(Reading sdk, Reading raw) {}

    record Reading(long records, double seconds) {
        double perSecond() {
            return seconds <= 0 ? 0 : records / seconds;
        }
    }

    private static final String LATENCY_KEY = "latency";
    private static final int DRAIN_PASSES = 3;

    private StreamBench() {}

    static DynamoDbStreamsClient streamsClient(URI endpoint) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("benchAccessKey", "benchSecretKey")))
                .httpClient(ApacheHttpClient.create()).build();
    }

    /**
     * One writer puts items one after another under a single partition key, so they all land in one shard,
     * and one reader polls only that shard without pause; a record's latency is from its PutItem returning to
     * the reader holding it, timed over {@code writes} writes after {@code warmUpWrites} untimed ones. The server's
     * warm-up does not take this path, and its JIT was still compiling the stream and write paths after 8,000 (a
     * reader stalled for milliseconds while the writer went on, in five runs of nine); the client's JIT needs them
     * as much. Both make raw calls from one client thread ({@link PutToRecordLoop}),
     * and there is one reader, not one per shard, so that the client's own cost on two cores is not what is measured.
     */
    static Latency putToRecord(URI endpoint, DynamoDbClient ddb, DynamoDbStreamsClient streams, String table, int warmUpWrites,
                                int writes) throws Exception {
        String arn = createStreamTable(ddb, table);
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", Scenario.s(LATENCY_KEY), "seq", Scenario.n(-1))));
        String start = iteratorAfterProbe(streams, arn);
        PutToRecordLoop loop = new PutToRecordLoop(endpoint, warmUpWrites, writes, i -> "{\"TableName\":\"" + table
                + "\",\"Item\":{\"pk\":{\"S\":\"" + LATENCY_KEY + "\"},\"seq\":{\"N\":\"" + i + "\"}}}");
        return loop.run(start);
    }

    /** An iterator just past the probe write (seq -1), in whichever shard holds the latency key. */
    private static String iteratorAfterProbe(DynamoDbStreamsClient streams, String arn) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (Shard shard : openShards(streams, arn)) {
                String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(current));
                    for (Record rec : r.records()) {
                        if (rec.dynamodb().newImage().get("pk").s().equals(LATENCY_KEY)) {
                            return streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                    .sequenceNumber(rec.dynamodb().sequenceNumber())).shardIterator();
                        }
                    }
                    if (r.records().isEmpty()) break;
                    iterator = r.nextShardIterator();
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the probe write never reached the stream of " + arn);
    }

    /**
     * Loads {@code records} changes (or as many as the server takes within {@code loadMillis}), then reads
     * every shard from TRIM_HORIZON with GetRecords of 1000 and times the reading: through the SDK, whose
     * unmarshalling of each record into objects took about as long as the server's answer, and with raw
     * requests ({@link RawShardReader}) so that the server's own rate shows. Each reading drains the whole stream.
     */
    static Drain drain(URI endpoint, DynamoDbClient ddb, DynamoDbStreamsClient streams, String table, int records,
                       long loadMillis) throws Exception {
        String arn = createStreamTable(ddb, table);
        long loadDeadline = System.currentTimeMillis() + loadMillis;
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> loads = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            loads.add(writers.submit(() -> {
                List<WriteRequest> batch = new ArrayList<>();
                for (int i = writer; i < records; i += 8) {
                    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                            Map.of("pk", Scenario.s("d" + i), "seq", Scenario.n(i), "data", Scenario.s("y".repeat(150)));
                    batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                    if (batch.size() == 25) {
                        List<WriteRequest> chunk = List.copyOf(batch);
                        ddb.batchWriteItem(b -> b.requestItems(Map.of(table, chunk)));
                        batch.clear();
                        if (System.currentTimeMillis() > loadDeadline) return null;
                    }
                }
                if (!batch.isEmpty()) ddb.batchWriteItem(b -> b.requestItems(Map.of(table, List.copyOf(batch))));
                return null;
            }));
        }
        for (Future<?> f : loads) f.get();
        writers.shutdown();

        List<Shard> shards = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards();
        RawShardReader raw = new RawShardReader(endpoint);
        // A first, untimed pass of each: the servers' JITs (and the client's) compile their read paths while it
        // runs, and timed cold, the first pass was half as fast as later ones. Later ones still varied by half
        // from one to the next (100,000 records take a second or two), so each is the median of three.
        sdkDrain(streams, arn, shards);
        rawDrain(raw, streams, arn, shards);
        List<Reading> sdk = new ArrayList<>(), direct = new ArrayList<>();
        for (int i = 0; i < DRAIN_PASSES; i++) {
            sdk.add(sdkDrain(streams, arn, shards));
            direct.add(rawDrain(raw, streams, arn, shards));
        }
        return new Drain(median(sdk), median(direct));
    }

    private static Reading median(List<Reading> readings) {
        List<Reading> byRate = new ArrayList<>(readings);
        byRate.sort(Comparator.comparingDouble(Reading::perSecond));
        return byRate.get(byRate.size() / 2);
    }

    private static Reading sdkDrain(DynamoDbStreamsClient streams, String arn, List<Shard> shards) {
        long started = System.nanoTime();
        long read = 0;
        for (Shard shard : shards) {
            String iterator = trimHorizon(streams, arn, shard);
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                read += r.records().size();
                if (r.records().isEmpty()) break;
                iterator = r.nextShardIterator();
            }
        }
        return new Reading(read, (System.nanoTime() - started) / 1e9);
    }

    private static Reading rawDrain(RawShardReader raw, DynamoDbStreamsClient streams, String arn, List<Shard> shards)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        long read = 0;
        for (Shard shard : shards) read += raw.readAll(trimHorizon(streams, arn, shard));
        return new Reading(read, (System.nanoTime() - started) / 1e9);
    }

    private static String trimHorizon(DynamoDbStreamsClient streams, String arn, Shard shard) {
        return streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    private static String createStreamTable(DynamoDbClient ddb, String table) {
        return ddb.createTable(b -> b.tableName(table)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")))
                .tableDescription().latestStreamArn();
    }

    private static List<Shard> openShards(DynamoDbStreamsClient streams, String arn) {
        List<Shard> open = new ArrayList<>();
        for (Shard s : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            if (s.sequenceNumberRange() == null || s.sequenceNumberRange().endingSequenceNumber() == null) open.add(s);
        }
        return open;
    }
}
