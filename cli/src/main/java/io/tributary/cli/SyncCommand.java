package io.tributary.cli;

import io.tributary.connect.DynamoDbDeadLetters;
import io.tributary.connect.FilterCriteria;
import io.tributary.connect.JsonLinesDeadLetters;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.Sink;
import io.tributary.connect.Sinks;
import io.tributary.connect.StartingPosition;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.SyncOptions;
import io.tributary.connect.WorkerStats;
import io.tributary.connect.archive.ArchiveSink;
import io.tributary.connect.lucene.FieldKind;
import io.tributary.connect.redis.KeyTemplate;
import io.tributary.connect.redis.RedisSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tributary sync}: keeps search indexes, caches and functions in step with a table's stream until
 * stopped, sharing the stream with every other sync of the same --app.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Keep a search index, a cache or a function in step with a table's stream, until stopped.",
        footer = {"", "Examples:",
                "  tributary sync --table users --to lucene:users-index --to redis://127.0.0.1:6379 --redis-key 'users:{userId}'",
                "  tributary sync --table orders --to lambda:http://127.0.0.1:9000/2015-03-31/functions/function/invocations \\",
                "      --filter '{\"eventName\": [\"INSERT\"]}' --dead-letters dynamodb:orders-failed",
                "  tributary sync --table orders --to exec:'python3 handler.py' --from latest",
                "  tributary sync --table orders --to archive:/var/lib/orders-history --archive-roll-ms 300000",
                "",
                "Run it more than once with the same --app and the shards are shared; stop one and the others take over."})
final class SyncCommand implements Callable<Integer> {
    @Option(names = "--endpoint", description = "DynamoDB endpoint: Tributary, DynamoDB Local or AWS (default: ${DEFAULT-VALUE}).")
    URI endpoint = URI.create("http://127.0.0.1:8000");

    @Option(names = "--region", description = "Region to sign for (default: ${DEFAULT-VALUE}).")
    String region = "us-east-1";

    @Option(names = "--table", required = true, description = "The table whose stream to follow.")
    String table;

    @Option(names = "--to", required = true, description = "Where changes go, once or more: lucene:DIR, redis://HOST:PORT, lambda:URL, exec:COMMAND, archive:DIR.")
    List<String> destinations = new ArrayList<>();

    @Option(names = "--from", description = "Where to start when the application has no checkpoints yet: trim-horizon, latest, "
            + "or a time such as 2026-12-07T10:00:00Z (default: trim-horizon).")
    String from = "trim-horizon";

    @Option(names = "--filter", description = "A Lambda filter pattern, as in {\"eventName\": [\"INSERT\"]}; several are ORed.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--app", description = "Application name, which is also the lease table's name (default: tributary-sync-TABLE).")
    String app;

    @Option(names = "--worker-id", description = "This worker's name in the lease table (default: pid@host-random).")
    String workerId;

    @Option(names = "--batch-size", description = "Most changes handed to the destinations at once (default: ${DEFAULT-VALUE}).")
    int batchSize = 100;

    @Option(names = "--batching-window-ms", description = "How long to gather a batch before it goes (default: ${DEFAULT-VALUE}).")
    long batchingWindowMs = 0;

    @Option(names = "--max-retries", description = "Retries of a failing batch before bisecting or dead-lettering; -1 for ever (default: ${DEFAULT-VALUE}).")
    int maxRetries = 3;

    @Option(names = "--no-bisect", description = "Do not split a failing batch to find the change that fails.")
    boolean noBisect;

    @Option(names = "--dead-letters", description = "Where a change that keeps failing goes: a JSON Lines file or dynamodb:TABLE "
            + "(default: APP.dead-letters.jsonl).")
    String deadLetters;

    @Option(names = "--redis-key", description = "Cache key template, as in users:{userId} (default: TABLE:{hashKey}[:{rangeKey}]).")
    String redisKey;

    @Option(names = "--redis-mode", description = "write-through (the new image as JSON) or invalidate (delete the key) (default: ${DEFAULT-VALUE}).")
    String redisMode = "write-through";

    @Option(names = "--lucene-field", description = "How an attribute is indexed, as in name=text, status=keyword, price=number, photo=ignore.")
    Map<String, String> luceneFields = new LinkedHashMap<>();

    @Option(names = "--function-timeout-ms", description = "How long one function invocation may take (default: ${DEFAULT-VALUE}).")
    long functionTimeoutMs = 60_000;

    @Option(names = "--archive-roll-bytes", description = "An archive file is published once it holds this many bytes of JSON (default: ${DEFAULT-VALUE}).")
    long archiveRollBytes = ArchiveSink.Rolling.DEFAULT.maxBytes();

    @Option(names = "--archive-roll-ms", description = "An archive file is published once it is this old (default: ${DEFAULT-VALUE}).")
    long archiveRollMs = ArchiveSink.Rolling.DEFAULT.maxAge().toMillis();

    @Option(names = "--lease-ms", description = "A worker that has not renewed its leases for this long is taken over (default: ${DEFAULT-VALUE}).")
    long leaseMs = 10_000;

    @Option(names = "--checkpoint-ms", description = "How often positions are written (default: ${DEFAULT-VALUE}).")
    long checkpointMs = 1_000;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String application = app != null ? app : "tributary-sync-" + table;
        SyncOptions options = options(application);
        try (DynamoDbClient ddb = Clients.dynamoDb(endpoint, region); DynamoDbStreamsClient streams = Clients.streams(endpoint, region)) {
            TableDescription description = ddb.describeTable(b -> b.tableName(table)).table();
            SinkSpecs.Settings settings = new SinkSpecs.Settings(fieldKinds(), keyTemplate(description),
                    RedisSink.Mode.valueOf(redisMode.toUpperCase(Locale.ROOT).replace('-', '_')), Duration.ofMillis(functionTimeoutMs),
                    new ArchiveSink.Rolling(archiveRollBytes, Duration.ofMillis(archiveRollMs)));
            List<Sink> sinks = new ArrayList<>();
            for (String d : destinations) sinks.add(SinkSpecs.open(d, settings));
            Sink sink = Sinks.of(sinks);
            OnFailureDestination failures = deadLetters != null && deadLetters.startsWith("dynamodb:")
                    ? new DynamoDbDeadLetters(ddb, deadLetters.substring("dynamodb:".length()))
                    : new JsonLinesDeadLetters(Path.of(deadLetters != null ? deadLetters : application + ".dead-letters.jsonl"));
            StreamWorker worker = new StreamWorker(ddb, streams, table, sink, failures, options).start();
            err.println("syncing " + table + " (" + worker.streamArn() + ") into " + String.join(", ", destinations)
                    + " as " + options.workerId() + " of " + application);
            err.flush();
            StatusLine status = new StatusLine(err, worker.stats());
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                status.stop();
                worker.close();
                try {
                    sink.close();
                    failures.close();
                } catch (Exception e) {
                    err.println("closing the destinations failed: " + e);
                }
                status.summary();
                stopped.countDown();
            });
            Runtime.getRuntime().addShutdownHook(hook);
            status.start();
            stopped.await();
            return 0;
        }
    }

    private SyncOptions options(String application) {
        SyncOptions o = SyncOptions.defaults(application).withBatchSize(batchSize)
                .withMaxBatchingWindow(Duration.ofMillis(batchingWindowMs)).withStartingPosition(StartingPosition.parse(from))
                .withRetries(maxRetries, !noBisect).withFilter(FilterCriteria.parse(filters))
                .withLeaseDuration(Duration.ofMillis(leaseMs)).withCheckpointInterval(Duration.ofMillis(checkpointMs));
        return workerId != null ? o.withWorkerId(workerId) : o;
    }

    private Map<String, FieldKind> fieldKinds() {
        Map<String, FieldKind> kinds = new LinkedHashMap<>();
        luceneFields.forEach((name, kind) -> kinds.put(name, FieldKind.valueOf(kind.toUpperCase(Locale.ROOT))));
        return kinds;
    }

    private KeyTemplate keyTemplate(TableDescription d) {
        if (redisKey != null) return new KeyTemplate(redisKey);
        String hash = null, range = null;
        for (KeySchemaElement k : d.keySchema()) {
            if (k.keyType() == KeyType.HASH) hash = k.attributeName();
            else range = k.attributeName();
        }
        return KeyTemplate.defaultFor(table, hash, range);
    }

    /** The live status line: changes a second, the largest lag of a shard, the last checkpoint; and the summary at the end. */
    private static final class StatusLine {
        private final PrintWriter err;
        private final WorkerStats stats;
        private final boolean terminal = System.console() != null;
        private final long started = System.nanoTime();
        private final Thread thread;
        private volatile boolean running = true;

        StatusLine(PrintWriter err, WorkerStats stats) {
            this.err = err;
            this.stats = stats;
            this.thread = new Thread(this::loop, "sync-status");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            thread.interrupt();
        }

        private void loop() {
            long lastApplied = 0;
            long every = terminal ? 1_000 : 10_000;
            while (running) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                long applied = stats.applied();
                long rate = (applied - lastApplied) * 1000 / every;
                lastApplied = applied;
                StringJoiner lags = new StringJoiner(" ", "[", "]");
                new TreeMap<>(stats.lagMillis()).forEach((shard, ms) -> lags.add("…" + shard.substring(Math.max(0, shard.length() - 8)) + "=" + ms + "ms"));
                String line = String.format("%,d changes/s  applied %,d  lag per shard %s  dead-lettered %,d  last checkpoint %s",
                        rate, applied, lags, stats.deadLettered(),
                        stats.lastCheckpoint() == null ? "none yet" : stats.lastCheckpoint().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                synchronized (err) {
                    err.print(terminal ? "\r" + line + "   " : line + "\n");
                    err.flush();
                }
            }
        }

        void summary() {
            double seconds = (System.nanoTime() - started) / 1e9;
            err.println((terminal ? "\n" : "") + String.format(
                    "sync stopped after %.1f s: %,d changes read, %,d applied, %,d filtered out, %,d retries, %,d dead-lettered, %,d trimmed gaps",
                    seconds, stats.read(), stats.applied(), stats.filteredOut(), stats.retries(), stats.deadLettered(), stats.gaps()));
            err.flush();
        }
    }
}
