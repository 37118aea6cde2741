package io.tributary.bench;

import com.sun.net.httpserver.HttpServer;
import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.Sink;
import io.tributary.connect.StartingPosition;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.SyncOptions;
import io.tributary.connect.lambda.FunctionSink;
import io.tributary.connect.lucene.LuceneSink;
import io.tributary.connect.redis.KeyTemplate;
import io.tributary.connect.redis.RedisSink;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Change to sink: from a PutItem's answer until the change is visible in Redis (the Lua script acknowledged),
 * in Lucene (the near-real-time searcher refreshed) and at a function (its HTTP handler received the event),
 * with the stream quiet (a write every 50 ms) and under 1,000 writes/s, after 100 untimed writes; and the
 * highest change rate the sync keeps up with into Redis. Each sink is measured alone, by a {@link StreamWorker} in this process, against
 * whichever server the endpoint is.
 */
final class SyncBench {
    private static final int WARM_UP_WRITES = 100;

    record Latencies(Histogram micros, int writes, int seen) {}

    /** Latencies by sink; the live drain (write and sync seconds, items applied); the backlog drain (sync seconds, items applied). */
    record Result(Map<String, Latencies> idle, Map<String, Latencies> loaded, long drainItems, double writeSeconds, double syncSeconds,
                  long liveApplied, double backlogSeconds, long backlogApplied) {}

    private final URI endpoint;
    private final String redisUri;
    private final Path work;
    private final int idleWrites;
    private final int loadedSeconds;
    private final int drainItems;
    private final Duration checkpointInterval;
    private int tables;

    SyncBench(URI endpoint, String redisUri, Path work, int idleWrites, int loadedSeconds, int drainItems, Duration checkpointInterval) {
        this.endpoint = endpoint;
        this.redisUri = redisUri;
        this.work = work;
        this.idleWrites = idleWrites;
        this.loadedSeconds = loadedSeconds;
        this.drainItems = drainItems;
        this.checkpointInterval = checkpointInterval;
    }

    Result run() throws Exception {
        try (DynamoDbClient ddb = SdkLoad.client(endpoint); DynamoDbStreamsClient streams = streamsClient(endpoint)) {
            Map<String, Latencies> idle = new java.util.LinkedHashMap<>(), loaded = new java.util.LinkedHashMap<>();
            for (String sink : List.of("redis", "lucene", "function")) {
                idle.put(sink, latency(ddb, streams, sink, idleWrites, 50_000));
                loaded.put(sink, latency(ddb, streams, sink, loadedSeconds * 1000, 1_000));
            }
            double[] live = drain(ddb, streams, true);
            double[] backlog = drain(ddb, streams, false);
            return new Result(idle, loaded, drainItems, live[0], live[1], (long) live[2], backlog[1], (long) backlog[2]);
        }
    }

    /** {@code writes} puts, one every {@code intervalMicros}, each timed until the sink shows it. */
    private Latencies latency(DynamoDbClient ddb, DynamoDbStreamsClient streams, String sinkName, int writes, long intervalMicros) throws Exception {
        String table = newTable(ddb);
        Map<String, Long> visible = new ConcurrentHashMap<>();
        HttpServer function = null;
        Sink sink;
        switch (sinkName) {
            case "redis" -> sink = timed(new RedisSink(redisUri, new KeyTemplate("bench:{pk}"), RedisSink.Mode.WRITE_THROUGH), visible);
            case "lucene" -> sink = timed(new LuceneSink(work.resolve("index-" + table), Map.of()), visible);
            default -> {
                function = recordingFunction(visible);
                sink = FunctionSink.http(URI.create("http://127.0.0.1:" + function.getAddress().getPort() + "/2015-03-31/functions/function/invocations"),
                        Duration.ofSeconds(30));
            }
        }
        long[] returned = new long[writes];
        try (StreamWorker worker = new StreamWorker(ddb, streams, table, sink, OnFailureDestination.discard(), options(table))) {
            worker.start();
            awaitLeases(worker);
            // Untimed first: the first changes pay for class loading, JIT and connection set-up.
            for (int i = 0; i < WARM_UP_WRITES; i++) {
                String key = "warm" + i;
                ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key), "body", AttributeValue.fromS("x".repeat(150)))));
            }
            long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!visible.containsKey("warm" + (WARM_UP_WRITES - 1)) && System.nanoTime() < warmEnd) Thread.sleep(5);
            long start = System.nanoTime();
            for (int i = 0; i < writes; i++) {
                long due = start + i * intervalMicros * 1000;
                while (System.nanoTime() < due) Thread.onSpinWait();
                String key = "k" + i;
                ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key), "body", AttributeValue.fromS("x".repeat(150)))));
                returned[i] = System.nanoTime();
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (visible.size() < writes + WARM_UP_WRITES && System.nanoTime() < end) Thread.sleep(10);
        } finally {
            sink.close();
            if (function != null) function.stop(0);
        }
        Histogram h = new Histogram(60_000_000L, 3);
        int seen = 0;
        for (int i = 0; i < writes; i++) {
            Long at = visible.get("k" + i);
            if (at == null) continue;
            seen++;
            h.recordValue(Math.max(0, (at - returned[i]) / 1000));
        }
        return new Latencies(h, writes, seen);
    }

    /**
     * Eight threads write {@code drainItems} items with BatchWriteItem, the sync into Redis running meanwhile
     * ({@code live}) or started only once they are all written (a backlog, which shows how fast the sync itself
     * goes); seconds from the first write until the last was written, and until the last was applied.
     */
    private double[] drain(DynamoDbClient ddb, DynamoDbStreamsClient streams, boolean live) throws Exception {
        String table = newTable(ddb);
        AtomicLong applied = new AtomicLong();
        Sink redis = new RedisSink(redisUri, new KeyTemplate(table + ":{pk}"), RedisSink.Mode.WRITE_THROUGH);
        Sink counting = counting(redis, applied);
        StreamWorker worker = new StreamWorker(ddb, streams, table, counting, OnFailureDestination.discard(), options(table).withBatchSize(1000));
        try {
            if (live) {
                worker.start();
                awaitLeases(worker);
            }
            long start = System.nanoTime();
            int written = writeItems(ddb, table);
            double writeSeconds = (System.nanoTime() - start) / 1e9;
            if (!live) {
                start = System.nanoTime();
                worker.start();
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (applied.get() < written && System.nanoTime() < end) Thread.sleep(5);
            double syncSeconds = (System.nanoTime() - start) / 1e9;
            return new double[] {writeSeconds, syncSeconds, applied.get()};
        } finally {
            worker.close();
            redis.close();
        }
    }

    private int writeItems(DynamoDbClient ddb, String table) throws Exception {
        return BatchLoad.write(ddb, table, drainItems, (thread, j) -> Map.of("pk", AttributeValue.fromS("d" + thread + "-" + j),
                "body", AttributeValue.fromS("x".repeat(150))));
    }

    /** Wraps a sink, counting the changes it applied. */
    static Sink counting(Sink inner, AtomicLong applied) {
        return new Sink() {
            @Override
            public void apply(List<ChangeEvent> changes) throws Exception {
                inner.apply(changes);
                applied.addAndGet(changes.size());
            }

            @Override
            public void flush() throws Exception {
                inner.flush();
            }
        };
    }

    private SyncOptions options(String table) {
        return SyncOptions.defaults("bench-sync-" + table).withStartingPosition(StartingPosition.TRIM_HORIZON)
                .withLeaseDuration(Duration.ofSeconds(10)).withCheckpointInterval(checkpointInterval);
    }

    private static void awaitLeases(StreamWorker worker) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (worker.ownedShards().isEmpty() && System.nanoTime() < end) Thread.sleep(10);
        Thread.sleep(500);
    }

    private String newTable(DynamoDbClient ddb) {
        String table = "sync_bench_" + (tables++);
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        ddb.waiter().waitUntilTableExists(b -> b.tableName(table));
        return table;
    }

    /** Wraps a sink: the moment its apply returned is when each of the batch's keys became visible. */
    private static Sink timed(Sink inner, Map<String, Long> visible) {
        return new Sink() {
            @Override
            public void apply(List<ChangeEvent> changes) throws Exception {
                inner.apply(changes);
                long now = System.nanoTime();
                for (ChangeEvent c : changes) visible.putIfAbsent((String) c.keys().get("pk"), now);
            }

            @Override
            public void flush() throws Exception {
                inner.flush();
            }

            @Override
            public void close() throws Exception {
                inner.close();
            }
        };
    }

    /** A function endpoint in this process: the moment it receives an event is when its records reached the function. */
    private static HttpServer recordingFunction(Map<String, Long> visible) throws IOException {
        // The JDK's server writes headers and body apart: without TCP_NODELAY, Nagle and delayed ACKs add 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            for (var r : EventJson.MAPPER.readTree(body).get("Records")) visible.putIfAbsent(r.at("/dynamodb/Keys/pk/S").asText(), now);
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    static DynamoDbStreamsClient streamsClient(URI endpoint) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("benchAccessKey", "benchSecretKey")))
                .httpClient(ApacheHttpClient.create()).build();
    }
}
