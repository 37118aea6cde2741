package io.tributary.cli;

import io.tributary.connect.FilterCriteria;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.Sink;
import io.tributary.connect.Sinks;
import io.tributary.connect.StartingPosition;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.SyncOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

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
                "  tributary sync --table users --to lucene:users-index --metrics-port 9464    # Prometheus scrapes :9464/metrics",
                "  tributary sync --table orders --to 'kafka://127.0.0.1:9092/cdc.$${table}' --kafka-transactional-id orders-cdc",
                "",
                "Run it more than once with the same --app and the shards are shared; stop one and the others take over."})
final class SyncCommand implements Callable<Integer> {
    @Mixin
    LoggingOptions logging;

    @Mixin
    SyncSettings settings;

    @Option(names = "--from", description = "Where to start when the application has no checkpoints yet: trim-horizon, latest, "
            + "or a time such as 2026-12-07T10:00:00Z (default: trim-horizon).")
    String from = "trim-horizon";

    @Option(names = "--filter", description = "A Lambda filter pattern, as in {\"eventName\": [\"INSERT\"]}; several are ORed.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--app", description = "Application name, which is also the lease table's name (default: tributary-sync-TABLE).")
    String app;

    @Option(names = "--metrics-port", description = "Serve this worker's metrics at http://BIND:PORT/metrics in the Prometheus "
            + "text format (0: any free port; default: off).")
    Integer metricsPort;

    @Option(names = "--metrics-bind", description = "Address the metrics listen on (default: ${DEFAULT-VALUE}).")
    String metricsBind = "127.0.0.1";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        PrintWriter err = spec.commandLine().getErr();
        String application = app != null ? app : "tributary-sync-" + settings.table;
        SyncOptions options = settings.options(application).withStartingPosition(StartingPosition.parse(from))
                .withFilter(FilterCriteria.parse(filters));
        try (DynamoDbClient ddb = Clients.dynamoDb(settings.endpoint, settings.region);
             DynamoDbStreamsClient streams = Clients.streams(settings.endpoint, settings.region)) {
            TableDescription description = ddb.describeTable(b -> b.tableName(settings.table)).table();
            List<CountedSink> destinations = settings.openEach(description);
            Sink sink = Sinks.of(List.copyOf(destinations));
            OnFailureDestination failures = settings.openDeadLetters(ddb, application);
            StreamWorker worker = new StreamWorker(ddb, streams, settings.table, sink, failures, options).start();
            SyncMetrics metrics = metricsPort == null ? null : SyncMetrics.serve(worker, destinations, metricsBind, metricsPort);
            if (metrics != null) err.println("metrics at http://" + metricsBind + ":" + metrics.port() + "/metrics");
            err.println("syncing " + settings.table + " (" + worker.streamArn() + ") into " + String.join(", ", settings.destinations)
                    + " as " + options.workerId() + " of " + application);
            err.flush();
            StopSignal stop = StopSignal.install(worker);
            try {
                Following.follow(err, worker, stop, false, "sync stopped");
            } finally {
                if (metrics != null) metrics.close();
                worker.close();
                close(sink, failures, err);
                stop.done();
            }
            return 0;
        }
    }

    static void close(Sink sink, OnFailureDestination failures, PrintWriter err) {
        try {
            sink.close();
            failures.close();
        } catch (Exception e) {
            err.println("closing the destinations failed: " + e);
        }
    }
}
