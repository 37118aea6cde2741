package io.tributary.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connect.EventJson;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.Replay;
import io.tributary.connect.Sink;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.SyncOptions;
import io.tributary.connect.archive.ArchiveReader;
import io.tributary.connect.archive.ArchiveStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code tributary replay}: rebuilds destinations from a change archive, then hands over to the live stream. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Rebuild destinations from a change archive (history older than the stream's retention included),",
                "from its beginning or from a time, then go on from the live stream at the archive's last position of each shard."},
        footer = {"", "Examples:",
                "  tributary replay --archive /var/lib/users-history --table users --to lucene:users-index --until-caught-up",
                "  tributary replay --archive s3://my-bucket/history --table users --to redis://127.0.0.1:6379 --since 2026-12-01T00:00:00Z"})
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    LoggingOptions logging;

    @Mixin
    SyncSettings settings;

    @Option(names = "--archive", required = true, description = "The archive: a directory (written by sync --to archive:DIR) or s3://BUCKET/PREFIX.")
    String archive;

    @Option(names = "--since", description = "Replay only changes made at or after this time, as in 2026-12-07T10:00:00Z (default: all).")
    Instant since;

    @Option(names = "--app", description = "Application name, which is also the lease table's name (default: tributary-replay-TABLE).")
    String app;

    @Option(names = "--until-caught-up", description = "Exit once the live stream is applied up to the moment the archive was replayed.")
    boolean untilCaughtUp;

    @Option(names = "--json", description = "Print a JSON summary on standard output at the end.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        PrintWriter err = spec.commandLine().getErr();
        String application = app != null ? app : "tributary-replay-" + settings.table;
        SyncOptions options = settings.options(application);
        long started = System.nanoTime();
        try (DynamoDbClient ddb = Clients.dynamoDb(settings.endpoint, settings.region);
             DynamoDbStreamsClient streams = Clients.streams(settings.endpoint, settings.region);
             ArchiveStore store = ArchiveStores.open(archive, settings.s3Endpoint, settings.region)) {
            TableDescription description = ddb.describeTable(b -> b.tableName(settings.table)).table();
            Sink sink = settings.openSinks(description);
            OnFailureDestination failures = settings.openDeadLetters(ddb, application);
            Replay replay = new Replay(ddb, streams, new ArchiveReader(store), settings.table, sink, failures, options, since);
            StopSignal stop = StopSignal.install(replay);
            err.println("replaying " + store.location() + " into " + String.join(", ", settings.destinations) + " as "
                    + options.workerId() + " of " + application);
            err.flush();
            boolean caughtUp = false;
            try {
                StreamWorker worker;
                Replay.Stats stats = replay.stats();
                try (ProgressReport progress = ProgressReport.start(err, "replay " + settings.table, "changes",
                        () -> stats.changesReplayed() + stats.changesSkipped(), stats::changesInArchive)) {
                    worker = replay.run();
                }
                err.println(String.format("replayed %,d changes from %,d files (%,d before --since skipped)%s", stats.changesReplayed(),
                        stats.filesRead(), stats.changesSkipped(), worker == null ? "; stopped" : "; following the live stream"));
                err.flush();
                if (worker != null) caughtUp = Following.follow(err, worker, stop, untilCaughtUp, "replay stopped");
            } finally {
                replay.close();
                SyncCommand.close(sink, failures, err);
                if (json) printSummary(replay, caughtUp, (System.nanoTime() - started) / 1e9);
                stop.done();
            }
            return 0;
        }
    }

    private void printSummary(Replay replay, boolean caughtUp, double seconds) {
        Replay.Stats s = replay.stats();
        ObjectNode o = EventJson.MAPPER.createObjectNode();
        o.put("table", settings.table);
        o.put("files", s.filesRead());
        o.put("changesReplayed", s.changesReplayed());
        o.put("changesSkipped", s.changesSkipped());
        StreamWorker w = replay.worker();
        o.put("streamChangesRead", w == null ? 0 : w.stats().read());
        o.put("streamChangesApplied", w == null ? 0 : w.stats().applied());
        o.put("gaps", w == null ? 0 : w.stats().gaps());
        o.put("caughtUp", caughtUp);
        o.put("seconds", Math.round(seconds * 10) / 10.0);
        spec.commandLine().getOut().println(o);
        spec.commandLine().getOut().flush();
    }
}
