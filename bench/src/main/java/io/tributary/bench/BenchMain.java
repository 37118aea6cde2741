package io.tributary.bench;

import io.netty.util.ResourceLeakDetector;
import io.tributary.core.model.StreamSettings;
import io.tributary.server.ServerConfig;
import io.tributary.server.TributaryServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** Runs the benchmark against Tributary and DynamoDB Local on this machine and writes the report. */
@Command(name = "tributary-bench", mixinStandardHelpOptions = true,
        description = "Benchmark Tributary against DynamoDB Local, side by side, and write docs/benchmarks.md.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--out", description = "Report file (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("docs/benchmarks.md");

    @Option(names = "--targets", split = ",", description = "Servers to measure (default: ${DEFAULT-VALUE}).")
    List<String> targets = List.of("tributary", "tributary-async", "dynamodb-local-memory", "dynamodb-local-disk");

    @Option(names = "--scenarios", split = ",", description = "Scenarios to run (default: all of ${COMPLETION-CANDIDATES}).")
    List<Scenario> scenarios = List.of(Scenario.values());

    @Option(names = "--connections", split = ",", description = "Raw mode connection counts (default: ${DEFAULT-VALUE}).")
    List<Integer> connections = List.of(1, 4, 16);

    @Option(names = "--sdk-connections", split = ",", description = "SDK mode connection counts (default: ${DEFAULT-VALUE}).")
    List<Integer> sdkConnections = List.of(1, 4, 16);

    @Option(names = "--warmup-ms", description = "Warm-up before each measurement (default: ${DEFAULT-VALUE}).")
    long warmupMillis = 4000;

    @Option(names = "--measure-ms", description = "Measured time of each run (default: ${DEFAULT-VALUE}).")
    long measureMillis = 4000;

    @Option(names = "--repeat", description = "Measured runs per row; the row shows the run with the median throughput (default: ${DEFAULT-VALUE}).")
    int repeats = 1;

    @Option(names = "--latency-writes", description = "Writes timed until readable in the stream (default: ${DEFAULT-VALUE}).")
    int latencyWrites = 2000;

    @Option(names = "--latency-warmup-writes", description = "Untimed writes before them (default: ${DEFAULT-VALUE}).")
    int latencyWarmUpWrites = 24_000;

    @Option(names = "--drain-records", description = "Stream records drained with GetRecords (default: ${DEFAULT-VALUE}).")
    int drainRecords = 100_000;

    @Option(names = "--drain-load-ms", description = "Longest time spent writing the records to drain (default: ${DEFAULT-VALUE}).")
    long drainLoadMillis = 90_000;

    @Option(names = "--million", description = "Also load 1,000,000 items into durable Tributary and report its RSS.")
    boolean million;

    @Option(names = "--million-only", description = "Only the 1,000,000-item load and its RSS, printed, no report (to tune memory).")
    boolean millionOnly;

    @Option(names = "--stream-latency-only", description = "Only the put-to-GetRecords latency of each target, printed, no report (to tune it).")
    boolean streamLatencyOnly;

    @Option(names = "--stream-drain-only", description = "Only the GetRecords drain of each target, printed, no report (to tune it).")
    boolean streamDrainOnly;

    @Option(names = "--analysis", description = "Hand-written analysis appended to the report (default: ${DEFAULT-VALUE}).")
    Path analysis = Path.of("docs/benchmarks-analysis.md");

    @Option(names = "--tributary", description = "The Tributary launcher, run as users run it (default: ${DEFAULT-VALUE}).")
    Path tributary = Path.of("tributary");

    @Option(names = "--dynamodb-local-lib", description = "DynamoDB Local's jars and native library (default: ${DEFAULT-VALUE}).")
    Path dynamoDbLocalLib = Path.of("bench/dynamodb-local/target/lib");

    @Option(names = "--sync-only", description = "Only the change-to-sink scenarios (Redis, Lucene, a function) of each target, "
            + "interleaved --repeat times, printed as a Markdown table, no report.")
    boolean syncOnly;

    @Option(names = "--sync-idle-writes", description = "Writes timed into each sink on a quiet stream, one every 50 ms (default: ${DEFAULT-VALUE}).")
    int syncIdleWrites = 200;

    @Option(names = "--sync-loaded-seconds", description = "Seconds of 1,000 writes/s timed into each sink (default: ${DEFAULT-VALUE}).")
    int syncLoadedSeconds = 5;

    @Option(names = "--sync-drain-items", description = "Items written as fast as possible while a sync into Redis follows, "
            + "then as a backlog; at most 20,000 for DynamoDB Local (default: ${DEFAULT-VALUE}).")
    int syncDrainItems = 100_000;

    @Option(names = "--sync-checkpoint-ms", description = "The syncs' checkpoint interval; each checkpoint commits the Lucene index (default: ${DEFAULT-VALUE}).")
    long syncCheckpointMs = 1000;

    @Option(names = "--rebuild-only", description = "Only the rebuild scenarios (bootstrap into Redis and Lucene, archive, replay) "
            + "of each target, interleaved --repeat times, printed as a Markdown table, no report.")
    boolean rebuildOnly;

    @Option(names = "--rebuild-items", description = "Items in the table the rebuild scenarios bootstrap; at most 100,000 for "
            + "DynamoDB Local (default: ${DEFAULT-VALUE}).")
    int rebuildItems = 1_000_000;

    @Option(names = "--rebuild-segments", description = "Parallel scan segments of the bootstraps (default: ${DEFAULT-VALUE}).")
    int rebuildSegments = 4;

    @Option(names = "--smoke", description = "A short run against an in-process Tributary, to prove the harness works.")
    boolean smoke;

    /** Start-up is the median of this many starts on fresh data directories. */
    private static final int STARTS = 3;

    private static List<String> arguments = List.of();

    public static void main(String[] args) {
        arguments = List.of(args);
        // Netty records a stack trace for one buffer in 128 to report leaks: 1.5% of the load client's CPU.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    /** The servers' data directories and logs; deleted after a run that succeeded, kept to read after one that failed. */
    private Path work;
    /** Servers started so far, by target, to name their data directories and logs. */
    private final Map<String, Integer> launches = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) throw new CommandLine.ParameterException(new CommandLine(this), "--repeat must be at least 1");
        if (smoke) return smoke();
        work = Files.createTempDirectory("tributary-bench");
        try {
            int exitCode = measure();
            ServerProcess.deleteRecursively(work);
            return exitCode;
        } catch (Exception | Error e) {
            System.err.println("The servers' logs are kept in " + work);
            throw e;
        }
    }

    private int measure() throws Exception {
        if (syncOnly) return syncScenarios();
        if (rebuildOnly) return rebuildScenarios();
        if (millionOnly) {
            try (ServerProcess server = start("tributary")) {
                System.out.println(loadMillion(server));
            }
            return 0;
        }
        Bench bench = new Bench(new Bench.Settings(connections, sdkConnections, warmupMillis, measureMillis, repeats, 150_000, 20_000,
                latencyWarmUpWrites, latencyWrites, drainRecords, drainLoadMillis));
        if (streamLatencyOnly) {
            return eachOnFreshServer((target, server) -> {
                bench.warmUp(server.endpoint);
                StreamBench.Latency l = bench.streamLatency(server.endpoint);
                System.out.printf("%s put->GetRecords p50 %.3f ms p99 %.3f ms p99.9 %.3f ms, %d/%d seen%n", target,
                        l.micros().getValueAtPercentile(50) / 1000.0, l.micros().getValueAtPercentile(99) / 1000.0,
                        l.micros().getValueAtPercentile(99.9) / 1000.0, l.seen(), l.writes());
            });
        }
        if (streamDrainOnly) {
            return eachOnFreshServer((target, server) -> {
                StreamBench.Drain d = bench.drain(server.endpoint);
                System.out.printf("%s drain sdk %.0f records/s (%d), raw %.0f records/s (%d)%n", target, d.sdk().perSecond(),
                        d.sdk().records(), d.raw().perSecond(), d.raw().records());
            });
        }
        if (bench.measuresSdk() && !targets.isEmpty()) {
            try (ServerProcess server = start(targets.get(0))) {
                bench.warmUpSdk(server.endpoint);
            }
        }
        Map<String, Double> startups = new HashMap<>(), idle = new HashMap<>(), loaded = new HashMap<>();
        for (String target : targets) {
            double[] starts = new double[STARTS];
            for (int i = 0; i < STARTS; i++) {
                try (ServerProcess server = start(target)) {
                    starts[i] = server.startupMillis;
                    idle.put(target, server.rssMegabytes());
                }
            }
            Arrays.sort(starts);
            startups.put(target, starts[STARTS / 2]);
            System.out.printf("%s answered after %.0f ms (median of %d starts)%n", target, starts[STARTS / 2], STARTS);
        }
        // Each scenario is measured on every target in turn, so the two sides of a ratio are minutes apart, not
        // most of an hour: this machine's speed drifts by a third from one hour to the next. Every scenario gets a
        // fresh server: DynamoDB Local slows down as its streams grow, and a scenario should not pay for the ones
        // before it.
        for (boolean stream : List.of(true, false)) {
            for (Scenario scenario : scenarios) {
                for (String target : targets) {
                    try (ServerProcess server = start(target)) {
                        bench.warmUp(server.endpoint);
                        bench.loadScenario(target, server.endpoint, scenario, stream);
                        loaded.merge(target, server.rssMegabytes(), Math::max);
                    }
                }
            }
        }
        List<TargetReport> reports = new ArrayList<>();
        MillionLoad millionLoad = null;
        for (String target : targets) {
            StreamBench.Latency latency;
            try (ServerProcess server = start(target)) {
                bench.warmUp(server.endpoint);
                latency = bench.streamLatency(server.endpoint);
            }
            StreamBench.Drain drain;
            try (ServerProcess server = start(target)) {
                drain = bench.drain(server.endpoint);
                loaded.merge(target, server.rssMegabytes(), Math::max);
            }
            reports.add(new TargetReport(target, startups.get(target), idle.get(target), loaded.getOrDefault(target, 0.0),
                    latency, drain));
            if (million && target.equals("tributary")) {
                try (ServerProcess server = start(target)) {
                    millionLoad = loadMillion(server);
                }
            }
        }
        String command = ("bench/run.sh " + String.join(" ", arguments)).trim();
        Report.write(out, command, bench.rows(), reports, millionLoad, bench.timing(), analysis);
        System.out.println("wrote " + out);
        return 0;
    }

    private interface TargetRun {
        void run(String target, ServerProcess server) throws Exception;
    }

    /** Runs {@code run} against a freshly started server of each target in turn. */
    private int eachOnFreshServer(TargetRun run) throws Exception {
        for (String target : targets) {
            try (ServerProcess server = start(target)) {
                run.run(target, server);
            }
        }
        return 0;
    }

    /** The change-to-sink scenarios, each target on a fresh server in turn, --repeat rounds; a Markdown table on stdout. */
    private int syncScenarios() throws Exception {
        StringBuilder table = new StringBuilder("| round | target | sink | quiet p50 ms | quiet p99 ms | 1,000/s p50 ms | 1,000/s p99 ms | seen |\n|---|---|---|---|---|---|---|---|\n");
        StringBuilder drains = new StringBuilder("| round | target | items | live: written in s | live: applied by s | live: applied/s | backlog: applied in s | backlog: applied/s |\n|---|---|---|---|---|---|---|---|\n");
        try (RedisProcess redis = new RedisProcess()) {
            for (int round = 1; round <= repeats; round++) {
                for (String target : targets) {
                    try (ServerProcess server = start(target)) {
                        // DynamoDB Local slows to a crawl writing while its stream is read (100,000 items took over 8 minutes).
                        int items = target.startsWith("dynamodb-local") ? Math.min(syncDrainItems, 20_000) : syncDrainItems;
                        SyncBench.Result r = new SyncBench(server.endpoint, redis.uri(), work.resolve("sync-" + target + "-" + round),
                                syncIdleWrites, syncLoadedSeconds, items, java.time.Duration.ofMillis(syncCheckpointMs)).run();
                        for (String sink : r.idle().keySet()) {
                            SyncBench.Latencies idle = r.idle().get(sink), loaded = r.loaded().get(sink);
                            String row = String.format(Locale.ROOT, "| %d | %s | %s | %.2f | %.2f | %.2f | %.2f | %d/%d, %d/%d |%n", round, target, sink,
                                    ms(idle, 50), ms(idle, 99), ms(loaded, 50), ms(loaded, 99), idle.seen(), idle.writes(), loaded.seen(), loaded.writes());
                            table.append(row);
                            System.out.print(row);
                        }
                        String drain = String.format(Locale.ROOT, "| %d | %s | %d | %.1f | %.1f | %.0f (%d) | %.1f | %.0f (%d) |%n", round, target,
                                r.drainItems(), r.writeSeconds(), r.syncSeconds(), r.liveApplied() / r.syncSeconds(), r.liveApplied(),
                                r.backlogSeconds(), r.backlogApplied() / r.backlogSeconds(), r.backlogApplied());
                        drains.append(drain);
                        System.out.print(drain);
                    }
                }
            }
        }
        System.out.println();
        System.out.println(table);
        System.out.println(drains);
        return 0;
    }

    /** The rebuild scenarios, each target on a fresh server in turn, --repeat rounds; a Markdown table on stdout. */
    private int rebuildScenarios() throws Exception {
        StringBuilder table = new StringBuilder("| round | target | items | load s | bootstrap | into Redis items/s | into Lucene items/s "
                + "| archive changes/s | replay into Redis changes/s |\n|---|---|---|---|---|---|---|---|---|\n");
        try (RedisProcess redis = new RedisProcess()) {
            for (int round = 1; round <= repeats; round++) {
                for (String target : targets) {
                    try (ServerProcess server = start(target)) {
                        // DynamoDB Local loads and scans a million items far too slowly for one run.
                        int items = target.startsWith("dynamodb-local") ? Math.min(rebuildItems, 100_000) : rebuildItems;
                        RebuildBench.Result r = new RebuildBench(server.endpoint, redis.uri(), work.resolve("rebuild-" + target + "-" + round),
                                items, rebuildSegments).run();
                        String row = String.format(Locale.ROOT, "| %d | %s | %,d | %.1f | %s | %,.0f | %,.0f | %,.0f | %,.0f |%n", round, target,
                                r.items(), r.loadSeconds(), r.mode(), r.redisItemsPerSecond(), r.luceneItemsPerSecond(),
                                r.archiveChangesPerSecond(), r.replayChangesPerSecond());
                        table.append(row);
                        System.out.print(row);
                    }
                }
            }
        }
        System.out.println();
        System.out.println(table);
        return 0;
    }

    private static double ms(SyncBench.Latencies l, double percentile) {
        return l.micros().getTotalCount() == 0 ? Double.NaN : l.micros().getValueAtPercentile(percentile) / 1000.0;
    }

    /** A fresh server of {@code target}, in a data directory of its own. */
    private ServerProcess start(String target) throws Exception {
        int launch = launches.merge(target, 1, Integer::sum);
        Path data = work.resolve(target + "-" + launch);
        Path log = work.resolve(target + "-" + launch + ".log");
        int port = freePort();
        return switch (target) {
            case "tributary" -> ServerProcess.tributary(tributary.toAbsolutePath(), data, port, true, log);
            case "tributary-async" -> ServerProcess.tributary(tributary.toAbsolutePath(), data, port, false, log);
            // the console is on by default; this is the same server without it, to show what it costs
            case "tributary-no-console" -> ServerProcess.tributary(tributary.toAbsolutePath(), data, port, true, log, "--no-console");
            case "dynamodb-local-memory" -> ServerProcess.dynamoDbLocal(dynamoDbLocalLib.toAbsolutePath(), null, port, log);
            case "dynamodb-local-disk" -> ServerProcess.dynamoDbLocal(dynamoDbLocalLib.toAbsolutePath(), data, port, log);
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
    }

    /** A million 200-byte items in a fresh server's table, then its resident memory. */
    private static MillionLoad loadMillion(ServerProcess server) throws Exception {
        RequestSigner signer = new RequestSigner(server.endpoint);
        try (var sdk = SdkLoad.client(server.endpoint)) {
            Scenario.BATCH_WRITE.prepare(sdk, "bench_million", true);
        }
        List<byte[]> batches = IntStream.range(0, 40_000).parallel()
                .mapToObj(i -> signer.sign(Scenario.BATCH_WRITE.target(i), Scenario.BATCH_WRITE.body("bench_million", "m", i))).toList();
        LoadResult r = RawLoad.run(server.endpoint, batches, false, 16, 0, 3_600_000);
        return new MillionLoad(r.operations() * 25, r.operations(), r.errors(), r.seconds(), server.rssMegabytes());
    }

    /** Every scenario for a moment against Tributary in this process: proves the harness, measures nothing. */
    private Integer smoke() throws Exception {
        Path data = Files.createTempDirectory("tributary-bench-smoke");
        try (TributaryServer server = TributaryServer.start(new ServerConfig("127.0.0.1", 0, data, true, 16,
                ServerConfig.DEFAULT_EVENT_LOOPS, StreamSettings.DEFAULTS, Duration.ofSeconds(30)))) {
            URI endpoint = URI.create("http://127.0.0.1:" + server.port());
            Bench bench = new Bench(new Bench.Settings(List.of(2), List.of(2), 100, 300, 2, 2000, 500, 80, 20, 500, 60_000));
            bench.warmUpSdk(endpoint);
            bench.loadScenarios("tributary", endpoint);
            TargetReport report = new TargetReport("tributary", 0, 0, 0, bench.streamLatency(endpoint), bench.drain(endpoint));
            Report.write(out, "tributary-bench --smoke", bench.rows(), List.of(report), null,
                    "Smoke run: proves the harness, measures nothing.", null);
        } finally {
            ServerProcess.deleteRecursively(data);
        }
        return 0;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
