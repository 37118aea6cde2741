package io.tributary.cli;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.WorkerStats;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * `tributary sync --metrics-port`: the worker's own figures at {@code GET /metrics} in the Prometheus text format:
 * changes read, filtered out and applied per destination, retries, dead-lettered changes, checkpoint gaps, the
 * shards it owns and its lag per shard (how old the last change it read was when read; 0 once caught up).
 */
final class SyncMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer http;
    private final MultiGauge lag;
    private final WorkerStats stats;
    /** Held here: meters keep only weak references to what they read. */
    private final List<CountedSink> sinks;
    private final StreamWorker worker;

    private SyncMetrics(StreamWorker worker, List<CountedSink> sinks, String bind, int port) throws IOException {
        this.worker = worker;
        this.stats = worker.stats();
        this.sinks = sinks;
        counter("tributary.sync.changes.read", "Changes read from the stream", WorkerStats::read);
        counter("tributary.sync.changes.filtered", "Changes the filter criteria dropped", WorkerStats::filteredOut);
        counter("tributary.sync.retries", "Batches tried again after a destination failed", WorkerStats::retries);
        counter("tributary.sync.dead.lettered", "Changes sent to the dead-letter destination after failing", WorkerStats::deadLettered);
        counter("tributary.sync.gaps", "Times a checkpoint had been trimmed away and reading went on from the oldest record left", WorkerStats::gaps);
        for (CountedSink sink : sinks) {
            FunctionCounter.builder("tributary.sync.changes.applied", sink, CountedSink::applied)
                    .description("Changes a destination applied").tags("sink", sink.name()).register(registry);
        }
        Gauge.builder("tributary.sync.owned.shards", worker, w -> w.ownedShards().size()).description("Shards this worker holds the lease of")
                .register(registry);
        lag = MultiGauge.builder("tributary.sync.lag").description("How old the last change read from a shard was when read; 0 once caught up")
                .baseUnit("seconds").register(registry);
        http = HttpServer.create(new InetSocketAddress(bind, port), 0);
        http.createContext("/metrics", exchange -> {
            byte[] text = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, text.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(text);
            }
        });
        http.start();
    }

    static SyncMetrics serve(StreamWorker worker, List<CountedSink> sinks, String bind, int port) throws IOException {
        return new SyncMetrics(worker, sinks, bind, port);
    }

    int port() {
        return http.getAddress().getPort();
    }

    private void counter(String name, String description, ToDoubleFunction<WorkerStats> value) {
        FunctionCounter.builder(name, stats, value).description(description).register(registry);
    }

    String scrape() {
        lag.register(stats.lagMillis().entrySet().stream()
                .map((Map.Entry<String, Long> e) -> MultiGauge.Row.of(Tags.of("shard", e.getKey()), e.getValue() / 1000.0))
                .map(r -> (MultiGauge.Row<?>) r).toList(), true);
        return registry.scrape();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
