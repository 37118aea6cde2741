package io.tributary.cli;

import io.tributary.connect.ChangeEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.PrintWriter;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code tributary tail TABLE}: follows a table's stream through the public Streams API, every shard, and
 * new shards as they appear (a child only once its parent is read to its end, so per-item order holds).
 */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Follow a table's stream and print each change.",
        footer = {"", "Examples:",
                "  tributary tail users                          # changes from now on, until Ctrl-C",
                "  tributary tail users --from trim-horizon      # everything the stream still holds, then follow",
                "  tributary tail orders --json --max-events 10  # ten changes as JSON lines, then exit",
                "  tributary tail users --endpoint http://127.0.0.1:8001"})
final class TailCommand implements Callable<Integer> {
    @Mixin
    LoggingOptions logging;

    enum From { trim_horizon, latest }

    @Parameters(index = "0", description = "The table whose stream to follow.")
    String table;

    @Option(names = "--endpoint", description = "Server address (default: ${DEFAULT-VALUE}).")
    URI endpoint = URI.create("http://127.0.0.1:8000");

    @Option(names = "--region", description = "Region to sign for (default: ${DEFAULT-VALUE}).")
    String region = "us-east-1";

    @Option(names = "--from", converter = FromConverter.class,
            description = "Where to start in the shards open now: trim-horizon or latest (default: latest).")
    From from = From.latest;

    @Option(names = "--json", description = "Print each record as one line of JSON.")
    boolean json;

    @Option(names = "--max-events", description = "Stop after this many changes (default: follow forever).")
    long maxEvents = Long.MAX_VALUE;

    @Option(names = "--poll-interval-ms", description = "Pause between polls when nothing is new (default: ${DEFAULT-VALUE}).")
    long pollIntervalMs = 250;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        logging.apply();
        PrintWriter out = spec.commandLine().getOut();
        try (DynamoDbClient ddb = Clients.dynamoDb(endpoint, region);
             DynamoDbStreamsClient streams = Clients.streams(endpoint, region)) {
            String arn = ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            if (arn == null) {
                spec.commandLine().getErr().println("Table " + table + " has no stream; enable one with UpdateTable.");
                return 1;
            }
            ChangePrinter printer = new ChangePrinter(out, json);
            Map<String, String> iterators = new LinkedHashMap<>();
            Set<String> finished = new HashSet<>();
            Set<String> known = new HashSet<>();
            boolean first = true;
            long printed = 0;
            while (printed < maxEvents) {
                for (Shard shard : shards(streams, arn)) {
                    if (!known.add(shard.shardId())) continue;
                    // At the start, --from latest means every shard's end; afterwards a shard is read
                    // from its beginning, once its parent has been read to its end.
                    boolean startAtLatest = first && from == From.latest;
                    boolean parentPending = shard.parentShardId() != null && known.contains(shard.parentShardId())
                            && !finished.contains(shard.parentShardId());
                    if (!startAtLatest && parentPending) {
                        known.remove(shard.shardId());
                        continue;
                    }
                    ShardIteratorType type = startAtLatest ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
                    iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                            .shardIteratorType(type)).shardIterator());
                }
                first = false;
                boolean any = false;
                for (Map.Entry<String, String> e : iterators.entrySet()) {
                    if (e.getValue() == null || printed >= maxEvents) continue;
                    String it = e.getValue();
                    GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(it));
                    for (Record rec : r.records()) {
                        if (printed >= maxEvents) break;
                        printer.print(ChangeEvent.of(rec, table, arn, e.getKey()));
                        printed++;
                        any = true;
                    }
                    e.setValue(r.nextShardIterator());
                    if (r.nextShardIterator() == null) finished.add(e.getKey());
                }
                out.flush();
                iterators.values().removeIf(v -> v == null);
                if (!any && printed < maxEvents) Thread.sleep(pollIntervalMs);
            }
            return 0;
        }
    }

    private static java.util.List<Shard> shards(DynamoDbStreamsClient streams, String arn) {
        java.util.List<Shard> all = new java.util.ArrayList<>();
        String start = null;
        do {
            String from = start;
            StreamDescription d = streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(from)).streamDescription();
            all.addAll(d.shards());
            start = d.lastEvaluatedShardId();
        } while (start != null);
        return all;
    }

    static final class FromConverter implements picocli.CommandLine.ITypeConverter<From> {
        @Override
        public From convert(String value) {
            return switch (value) {
                case "trim-horizon" -> From.trim_horizon;
                case "latest" -> From.latest;
                default -> throw new picocli.CommandLine.TypeConversionException("expected trim-horizon or latest, got " + value);
            };
        }
    }
}
