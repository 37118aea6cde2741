package io.tributary.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.StreamLog;
import io.tributary.server.console.Console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.DoubleStream;

/**
 * The server's metrics, in the Prometheus text format at {@code GET /metrics}: requests by action and outcome with
 * their latency histograms, items and bytes per table, and the RocksDB figures that explain a slow disk (pending
 * compaction, memtables, block cache, write stalls), stream records written and read, and how far behind each
 * consumer that keeps leases in a table is. Table, RocksDB and consumer figures are read when scraped.
 */
public final class ServerMetrics {
    /** The outcome of a request, as its status says. */
    public enum Outcome { SUCCESS, CLIENT_ERROR, SERVER_ERROR }

    private static final String[] ROCKSDB = {
            "rocksdb.estimate-pending-compaction-bytes", "pending_compaction_bytes",
            "rocksdb.cur-size-all-mem-tables", "memtable_bytes",
            "rocksdb.num-running-compactions", "running_compactions",
            "rocksdb.actual-delayed-write-rate", "delayed_write_rate",
            "rocksdb.is-write-stopped", "write_stopped"};

    /** Histogram buckets from a fast read to a long poll; few, so recording one is a short search. */
    private static final Duration[] BUCKETS = DoubleStream.of(0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000)
            .mapToObj(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Database database;
    /** Per action, one timer per outcome: looked up without building a meter id on every request. */
    private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();
    private final MultiGauge tableItems, tableBytes, iteratorAge, recordsBehind;
    private final Console console;
    /** Held here: a function counter keeps only a weak reference to what it reads. */
    private final LongSupplier recordsRead;

    /** {@code recordsRead}: the stream records GetRecords has answered so far. */
    public ServerMetrics(Database database, Console console, LongSupplier recordsRead) {
        this.database = database;
        this.console = console;
        this.recordsRead = recordsRead;
        FunctionCounter.builder("tributary.stream.records.written", database.streams(), StreamLog::recordsWritten)
                .description("Stream records written, all streams together").register(registry);
        FunctionCounter.builder("tributary.stream.records.read", recordsRead, LongSupplier::getAsLong)
                .description("Stream records returned by GetRecords").register(registry);
        iteratorAge = MultiGauge.builder("tributary.stream.consumer.iterator.age").description(
                "Age of the oldest record a consumer (its lease table) has not read yet; 0 when caught up (AWS's IteratorAge)")
                .baseUnit("seconds").register(registry);
        recordsBehind = MultiGauge.builder("tributary.stream.consumer.records.behind").description(
                "Records a consumer has still to read, counted up to 1000 per shard").register(registry);
        tableItems = MultiGauge.builder("tributary.table.items").description("Items in each table").register(registry);
        tableBytes = MultiGauge.builder("tributary.table.bytes").description("Bytes of items in each table, as DynamoDB counts them")
                .baseUnit("bytes").register(registry);
        for (int i = 0; i < ROCKSDB.length; i += 2) {
            String property = ROCKSDB[i];
            Gauge.builder("tributary.rocksdb." + ROCKSDB[i + 1], database, d -> d.storageProperty(property, true))
                    .description("RocksDB's " + property + ", over all column families").register(registry);
        }
        Gauge.builder("tributary.rocksdb.block_cache_bytes", database, d -> d.storageProperty("rocksdb.block-cache-usage", false))
                .description("RocksDB's block cache in use").baseUnit("bytes").register(registry);
    }

    /** A request answered: its action (as the router named it, or "unknown"), outcome and time from its head to its answer. */
    public void request(String action, Outcome outcome, long nanos) {
        timers.computeIfAbsent(action, this::timersOf)[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer[] timersOf(String action) {
        Timer[] byOutcome = new Timer[Outcome.values().length];
        for (Outcome o : Outcome.values()) {
            byOutcome[o.ordinal()] = Timer.builder("tributary.requests").description("Requests answered, by action and outcome")
                    .tags("action", action, "outcome", o.name().toLowerCase())
                    .serviceLevelObjectives(BUCKETS).register(registry);
        }
        return byOutcome;
    }

    /** Everything, in Prometheus' text format. */
    public synchronized String scrape() {
        List<MultiGauge.Row<?>> items = new ArrayList<>(), bytes = new ArrayList<>();
        for (String name : database.tableNames()) {
            Optional<TableDefinition> table = database.findTable(name);
            if (table.isEmpty()) continue;
            long id = table.get().id();
            items.add(MultiGauge.Row.of(Tags.of("table", name), database.itemCount(id)));
            bytes.add(MultiGauge.Row.of(Tags.of("table", name), database.sizeBytes(id)));
        }
        tableItems.register(items, true);
        tableBytes.register(bytes, true);
        List<MultiGauge.Row<?>> ages = new ArrayList<>(), behind = new ArrayList<>();
        for (Console.ConsumerLag lag : console.consumerLags()) {
            Tags tags = Tags.of("table", lag.table(), "consumer", lag.consumer());
            ages.add(MultiGauge.Row.of(tags, lag.iteratorAgeMillis() / 1000.0));
            behind.add(MultiGauge.Row.of(tags, lag.behind()));
        }
        iteratorAge.register(ages, true);
        recordsBehind.register(behind, true);
        return registry.scrape();
    }
}
