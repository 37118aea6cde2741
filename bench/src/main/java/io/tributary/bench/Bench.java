package io.tributary.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** Runs every scenario against one running server and collects the rows and the stream measurements. */
final class Bench {
    /** A fresh server's warm-up lasts this many times a run's warm-up. */
    private static final int SERVER_WARM_UP_ROUNDS = 2;
    private static final int SDK_WARM_UP_THREADS = 4;
    /** Durable PutItem of new items ran past 25,000 a second in a fast hour, using up a pool sized for that. */
    private static final long WRITE_RATE_CEILING = 40_000;
    /**
     * No server answers more than this many requests a second here: a static nginx answer tops out near 56,000
     * on two cores. Signing five times the write ceiling for the mixed load, 1.6 million requests for each 8 s
     * run, took 13 of the 160 s of a mixed-only run at two connection counts.
     */
    private static final long REQUEST_RATE_CEILING = 60_000;

    /** {@code repeats}: measured runs per row, of which the row shows the one with the median throughput. */
    record Settings(List<Integer> connections, List<Integer> sdkConnections, long warmupMillis, long measureMillis, int repeats,
                    int writePool, int readPool, int latencyWarmUpWrites, int latencyWrites, int drainRecords, long drainLoadMillis) {}

    private final Settings settings;
    private final List<Row> rows = new ArrayList<>();
    private int run;

    Bench(Settings settings) {
        this.settings = settings;
    }

    List<Row> rows() {
        return rows;
    }

    /** Every scenario, with a stream and without, against one server (the smoke test's way). */
    void loadScenarios(String target, URI endpoint) throws Exception {
        warmUp(endpoint);
        for (boolean stream : List.of(true, false)) {
            for (Scenario scenario : Scenario.values()) loadScenario(target, endpoint, scenario, stream);
        }
    }

    /** One scenario at every connection count, raw, then through the SDK. */
    void loadScenario(String target, URI endpoint, Scenario scenario, boolean stream) throws Exception {
        RequestSigner signer = new RequestSigner(endpoint);
        try (DynamoDbClient sdk = SdkLoad.client(endpoint)) {
            String table = "bench_" + scenario.name().toLowerCase() + (stream ? "_stream" : "_plain");
            scenario.prepare(sdk, table, stream);
            for (int connections : settings.connections()) {
                LoadResult result = median(() -> RawLoad.run(endpoint,
                        requests(signer, scenario, table, "r" + (run++), settings.warmupMillis() + settings.measureMillis()),
                        !scenario.writes(), connections, settings.warmupMillis(), settings.measureMillis()));
                rows.add(new Row(target, "raw", scenario, stream, connections, result));
                log(target, "raw", scenario, stream, connections, result);
            }
            for (int connections : settings.sdkConnections().stream().filter(c -> c > 0).toList()) {
                LoadResult result = median(() -> {
                    String runId = "r" + (run++);
                    return SdkLoad.run(i -> scenario.call(sdk, table, runId, i), connections,
                            settings.warmupMillis(), settings.measureMillis());
                });
                rows.add(new Row(target, "sdk", scenario, stream, connections, result));
                log(target, "sdk", scenario, stream, connections, result);
            }
        }
    }

    /** Runs the measurement {@code repeats} times: one run on this machine can be off by a third. */
    private LoadResult median(Callable<LoadResult> measurement) throws Exception {
        List<LoadResult> results = new ArrayList<>();
        for (int i = 0; i < settings.repeats(); i++) results.add(measurement.call());
        results.sort(Comparator.comparingDouble(LoadResult::throughput));
        return results.get(results.size() / 2);
    }

    /**
     * Both servers run on the JVM: the first measured run must not pay for their JIT compilation, which on
     * two cores shared with the client goes on for tens of seconds (JFR: the C2 compiler thread took a third
     * of the server's CPU in a PutItem run that began 10 s after start). The warm-up table has no stream, as a
     * growing stream slows DynamoDB Local's later requests.
     */
    void warmUp(URI endpoint) throws Exception {
        try (DynamoDbClient sdk = SdkLoad.client(endpoint)) {
            Scenario.MIXED.prepare(sdk, "bench_warmup", false);
            RawLoad.run(endpoint, requests(new RequestSigner(endpoint), Scenario.MIXED, "bench_warmup", "warmup", serverWarmUpMillis()),
                    false, 4, 0, serverWarmUpMillis());
        }
    }

    /**
     * The bench's own SDK code is compiled by its JIT as it runs, and the first SDK rows of a run paid for it: durable
     * Tributary, the first target, did 885 PutItem/s through one SDK thread, and 2,897 when the async server's rows
     * went first, which then did 2,050 instead of 5,430. So every scenario's SDK calls run untimed once per run,
     * against a server of their own that is then stopped.
     */
    void warmUpSdk(URI endpoint) throws Exception {
        try (DynamoDbClient sdk = SdkLoad.client(endpoint)) {
            for (Scenario scenario : Scenario.values()) {
                String table = "bench_sdk_warmup_" + scenario.name().toLowerCase();
                scenario.prepare(sdk, table, false);
                LoadResult r = SdkLoad.run(i -> scenario.call(sdk, table, "sdkwarmup", i), SDK_WARM_UP_THREADS, 0,
                        serverWarmUpMillis());
                if (r.operations() == 0 || r.errors() > 0) {
                    throw new IllegalStateException("the SDK warm-up of " + scenario + " failed: " + r.operations() + " calls, "
                            + r.errors() + " errors");
                }
            }
        }
    }

    private long serverWarmUpMillis() {
        return settings.warmupMillis() * SERVER_WARM_UP_ROUNDS;
    }

    boolean measuresSdk() {
        return settings.sdkConnections().stream().anyMatch(c -> c > 0);
    }

    /** How long servers are warmed up and runs measured, for the report. */
    String timing() {
        return String.format(Locale.ROOT, "Each scenario runs on every server in turn before the next scenario begins, so the two "
                        + "sides of a ratio are measured minutes apart. It runs on a freshly started server, first warmed up with %.0f s "
                        + "of the mixed load at 4 connections; then each connection count gets %.0f s of warm-up and %.0f s measured%s.",
                serverWarmUpMillis() / 1000.0, settings.warmupMillis() / 1000.0,
                settings.measureMillis() / 1000.0, settings.repeats() == 1 ? ""
                        : String.format(Locale.ROOT, ", %d times, and its row shows the run with the median throughput", settings.repeats()))
                + (measuresSdk() ? String.format(Locale.ROOT, " Before any of that, the bench's SDK client runs every scenario untimed "
                        + "for %.0f s, against a server of the first target that is then stopped.", serverWarmUpMillis() / 1000.0) : "")
                + String.format(Locale.ROOT, " put→GetRecords times %,d writes after %,d untimed ones.", settings.latencyWrites(),
                settings.latencyWarmUpWrites());
    }

    StreamBench.Latency streamLatency(URI endpoint) throws Exception {
        try (DynamoDbClient sdk = SdkLoad.client(endpoint); DynamoDbStreamsClient streams = StreamBench.streamsClient(endpoint)) {
            return StreamBench.putToRecord(endpoint, sdk, streams, "bench_stream_latency", settings.latencyWarmUpWrites(),
                    settings.latencyWrites());
        }
    }

    StreamBench.Drain drain(URI endpoint) throws Exception {
        try (DynamoDbClient sdk = SdkLoad.client(endpoint); DynamoDbStreamsClient streams = StreamBench.streamsClient(endpoint)) {
            return StreamBench.drain(endpoint, sdk, streams, "bench_stream_drain", settings.drainRecords(), settings.drainLoadMillis());
        }
    }

    /**
     * Writes get fresh keys for every request, so the pool is only reused by reads. A write pool lasts a run of
     * {@code runMillis} up to {@link #WRITE_RATE_CEILING} writes a second (a fifth of that for batches of 25, and
     * {@link #REQUEST_RATE_CEILING} requests a second for the mixed load, where one request in five is a write); a
     * run that still uses it up is measured over the time it had requests, and its log line says so.
     */
    private List<byte[]> requests(RequestSigner signer, Scenario scenario, String table, String runId, long runMillis) {
        int writes = poolFor(WRITE_RATE_CEILING, runMillis);
        int size = switch (scenario) {
            case BATCH_WRITE -> writes / 5;
            case MIXED -> poolFor(REQUEST_RATE_CEILING, runMillis);
            default -> scenario.writes() ? writes : settings.readPool();
        };
        return IntStream.range(0, size).parallel()
                .mapToObj(i -> signer.sign(scenario.target(i), scenario.body(table, runId, i)))
                .toList();
    }

    /** Requests for {@code runMillis} at {@code perSecond}, at least the settings' write pool. */
    private int poolFor(long perSecond, long runMillis) {
        long runSeconds = (runMillis + 999) / 1000;
        return (int) Math.max(settings.writePool(), Math.min(Integer.MAX_VALUE / 10, perSecond * runSeconds));
    }

    private static void log(String target, String mode, Scenario scenario, boolean stream, int connections, LoadResult r) {
        System.out.printf("%-18s %-4s %-12s stream=%-5s conns=%-3d %10.0f ops/s  p50 %7.2f ms  p99 %7.2f ms  errors %d%s%n",
                target, mode, scenario, stream, connections, r.throughput(), r.percentileMillis(50), r.percentileMillis(99), r.errors(),
                r.ranOut() ? "  (its requests ran out before the end)" : "");
    }
}
