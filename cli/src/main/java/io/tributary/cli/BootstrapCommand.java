package io.tributary.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connect.Bootstrap;
import io.tributary.connect.BootstrapStats;
import io.tributary.connect.EventJson;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.Sink;
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
import java.util.concurrent.Callable;

/**
 * {@code tributary bootstrap}: fills empty destinations from a table's current contents, then goes on from the
 * stream without a gap; resumable after an interruption.
 */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {"Fill empty destinations from a table's contents, then keep them in step with its stream, without a gap.",
                "Against Tributary the scan reads a consistent snapshot taken at a known position of every shard; against",
                "AWS DynamoDB a plain scan, the stream read from just before it (each key equals the table once caught up).",
                "Interrupted, it goes on from its last checkpoint. Starting afresh resets the --app's positions."},
        footer = {"", "Examples:",
                "  tributary bootstrap --table users --to lucene:users-index --until-caught-up",
                "  tributary bootstrap --table users --to redis://127.0.0.1:6379 --redis-key 'users:{userId}' --segments 8 --json",
                "  tributary sync --table users --to lucene:users-index --app tributary-bootstrap-users   # go on from where it stopped"})
final class BootstrapCommand implements Callable<Integer> {
    @Mixin
    LoggingOptions logging;

    @Mixin
    SyncSettings settings;

    @Option(names = "--app", description = "Application name, which is also the lease table's name (default: tributary-bootstrap-TABLE).")
    String app;

    @Option(names = "--segments", description = "Parallel scan segments (default: ${DEFAULT-VALUE}).")
    int segments = 4;

    @Option(names = "--scan-page-items", description = "Most items in one scan page, so checkpoints come more often (default: 1 MB pages).")
    Integer scanPageItems;

    @Option(names = "--until-caught-up", description = "Exit once every change made before the scan ended is applied, instead of going on until stopped.")
    boolean untilCaughtUp;

    @Option(names = "--json", description = "Print a JSON summary on standard output at the end.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        PrintWriter err = spec.commandLine().getErr();
        String application = app != null ? app : "tributary-bootstrap-" + settings.table;
        SyncOptions options = settings.options(application);
        long started = System.nanoTime();
        try (DynamoDbClient ddb = Clients.dynamoDb(settings.endpoint, settings.region);
             DynamoDbStreamsClient streams = Clients.streams(settings.endpoint, settings.region)) {
            TableDescription description = ddb.describeTable(b -> b.tableName(settings.table)).table();
            Sink sink = settings.openSinks(description);
            OnFailureDestination failures = settings.openDeadLetters(ddb, application);
            Bootstrap bootstrap = new Bootstrap(ddb, streams, settings.table, sink, failures, options, segments, scanPageItems);
            StopSignal stop = StopSignal.install(bootstrap);
            err.println("bootstrapping " + settings.table + " into " + String.join(", ", settings.destinations) + " as "
                    + options.workerId() + " of " + application);
            err.flush();
            boolean caughtUp = false;
            try {
                StreamWorker worker;
                BootstrapStats s = bootstrap.stats();
                try (ProgressReport progress = ProgressReport.start(err, "bootstrap " + settings.table, "items",
                        () -> s.resumedFrom() + s.itemsRead(), s::tableItemsEstimate)) {
                    worker = bootstrap.run();
                }
                err.println(String.format("%s %s of %s: %,d items applied (%,d read by this run%s)%s",
                        worker == null ? "stopped the scan" : "scanned", s.consistentSnapshot() ? "a consistent snapshot" : "a plain scan",
                        settings.table, s.itemsApplied(), s.itemsRead(),
                        s.resumedFrom() > 0 ? String.format(", going on from %,d checkpointed before", s.resumedFrom()) : "",
                        worker == null ? "" : "; following the stream as " + options.workerId() + " of " + application));
                err.flush();
                if (worker != null) caughtUp = Following.follow(err, worker, stop, untilCaughtUp, "bootstrap stopped");
            } finally {
                bootstrap.close();
                SyncCommand.close(sink, failures, err);
                if (json) printSummary(bootstrap, caughtUp, (System.nanoTime() - started) / 1e9);
                stop.done();
            }
            return 0;
        }
    }

    private void printSummary(Bootstrap bootstrap, boolean caughtUp, double seconds) {
        BootstrapStats s = bootstrap.stats();
        ObjectNode o = EventJson.MAPPER.createObjectNode();
        o.put("table", settings.table);
        o.put("mode", s.consistentSnapshot() ? "snapshot" : "scan");
        o.put("scanDone", s.scanDone());
        o.put("itemsApplied", s.itemsApplied());
        o.put("itemsRead", s.itemsRead());
        o.put("resumedFrom", s.resumedFrom());
        o.put("snapshotsRenewed", s.snapshotsRenewed());
        StreamWorker w = bootstrap.worker();
        o.put("changesRead", w == null ? 0 : w.stats().read());
        o.put("changesApplied", w == null ? 0 : w.stats().applied());
        o.put("deadLettered", w == null ? 0 : w.stats().deadLettered());
        o.put("caughtUp", caughtUp);
        o.put("seconds", Math.round(seconds * 10) / 10.0);
        spec.commandLine().getOut().println(o);
        spec.commandLine().getOut().flush();
    }
}
