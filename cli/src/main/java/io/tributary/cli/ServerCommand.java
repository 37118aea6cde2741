package io.tributary.cli;

import io.tributary.core.model.StreamSettings;
import io.tributary.server.HttpLimits;
import io.tributary.server.Security;
import io.tributary.server.ServerConfig;
import io.tributary.server.TributaryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tributary server}: runs until stopped; SIGTERM and Ctrl-C close the database cleanly. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the DynamoDB-compatible server.",
        footer = {"", "Examples:",
                "  tributary server                                   # 127.0.0.1:8000, data in ./data, console at /console/",
                "  tributary server --port 8001 --data-dir /var/lib/tributary --durability async",
                "  tributary server --bind 0.0.0.0 --credentials keys.json --tls-cert cert.pem --tls-key key.pem",
                "  tributary server --stream-shards 8 --shard-rollover PT1H --stream-retention PT24H",
                "  tributary server --log-format json --no-console    # for a log collector; metrics at /metrics",
                "",
                "Point any DynamoDB client at it: aws dynamodb list-tables --endpoint-url http://127.0.0.1:8000"})
final class ServerCommand implements Callable<Integer> {
    @Mixin
    LoggingOptions logging;

    enum Durability { sync, async }

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = ServerConfig.DEFAULT_BIND;

    @Option(names = "--data-dir", description = "RocksDB data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir = ServerConfig.DEFAULT_DATA;

    @Option(names = "--durability", description = "sync: acknowledged writes are on disk (default); async: faster, "
            + "the last writes may be lost if the machine fails. Valid values: ${COMPLETION-CANDIDATES}.")
    Durability durability = Durability.sync;

    @Option(names = "--workers", description = "Worker threads for table changes; item reads and writes run on the network threads (default: ${DEFAULT-VALUE}).")
    int workers = ServerConfig.DEFAULT_WORKERS;

    @Option(names = "--event-loops", description = "Network threads, which also run item reads and writes (default: "
            + "one per core, ${DEFAULT-VALUE} here; more serve better when a client with many busy threads shares the cores).")
    int eventLoops = ServerConfig.DEFAULT_EVENT_LOOPS;

    @Option(names = "--stream-shards", description = "Open shards per stream (default: ${DEFAULT-VALUE}).")
    int streamShards = StreamSettings.DEFAULTS.shardCount();

    @Option(names = "--shard-rollover", description = "How long a shard stays open before children replace it, "
            + "as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    Duration shardRollover = StreamSettings.DEFAULTS.shardRollover();

    @Option(names = "--stream-retention", description = "How long stream records are kept (default: ${DEFAULT-VALUE}).")
    Duration retention = StreamSettings.DEFAULTS.retention();

    @Option(names = "--trim-interval", description = "How often expired stream records are trimmed (default: ${DEFAULT-VALUE}).")
    Duration trimInterval = StreamSettings.DEFAULTS.trimInterval();

    @Option(names = "--iterator-lifetime", description = "How long a shard iterator stays valid (default: ${DEFAULT-VALUE}).")
    Duration iteratorLifetime = StreamSettings.DEFAULTS.iteratorLifetime();

    @Option(names = "--ttl-sweep-interval", description = "How often expired items of tables with TTL are deleted (default: ${DEFAULT-VALUE}).")
    Duration ttlSweepInterval = ServerConfig.DEFAULT_TTL_SWEEP;

    @Option(names = "--idle-timeout", description = "How long a connection may wait between requests before it is closed (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout = HttpLimits.DEFAULTS.idleTimeout();

    @Option(names = "--header-timeout", description = "How long a request may take to send its headers; past it, 408 (default: ${DEFAULT-VALUE}).")
    Duration headerTimeout = HttpLimits.DEFAULTS.headerTimeout();

    @Option(names = "--body-timeout", description = "The longest pause inside a request body; past it, 408 (default: ${DEFAULT-VALUE}).")
    Duration bodyTimeout = HttpLimits.DEFAULTS.bodyTimeout();

    @Option(names = "--body-memory-mb", description = "Megabytes of request bodies held at once, all connections together; "
            + "past it requests are refused with a retryable throttling error (default: ${DEFAULT-VALUE}, a quarter of the heap up to 512).")
    long bodyMemoryMb = HttpLimits.DEFAULTS.bodyMemory() >> 20;

    @Option(names = "--credentials", description = "A JSON file of access keys, their secrets and the tables each may read, write "
            + "or read the stream of; turns on SigV4 verification of every request (default: any credentials are accepted).")
    Path credentials;

    @Option(names = "--tls-cert", description = "PEM certificate (chain) to serve HTTPS with; needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", description = "PEM private key (PKCS#8) of --tls-cert.")
    Path tlsKey;

    @Option(names = "--console", negatable = true, description = "Serve the web console at /console/ (default: on when bound "
            + "to a loopback address without --credentials, since the page's own API calls are not signed with a known key).")
    Boolean console;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        checkOptions();
        StreamSettings streams = new StreamSettings(streamShards, shardRollover, retention, trimInterval, iteratorLifetime);
        ServerConfig config = new ServerConfig(bind, port, dataDir, durability == Durability.sync, workers, eventLoops,
                streams, ttlSweepInterval, new HttpLimits(idleTimeout, headerTimeout, bodyTimeout, bodyMemoryMb << 20),
                new Security(credentials, tlsCert, tlsKey), consoleOn());
        long started = System.nanoTime();
        TributaryServer server;
        try {
            server = TributaryServer.start(config);
        } catch (IOException e) {
            System.err.println("tributary server: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tributary-shutdown"));
        String endpoint = (tlsCert == null ? "http" : "https") + "://" + bind + ":" + server.port();
        System.out.printf("Tributary listening on %s (data: %s, durability: %s) in %d ms%n",
                endpoint, dataDir.toAbsolutePath(), durability, (System.nanoTime() - started) / 1_000_000);
        System.out.println(config.console() ? "Console: " + endpoint + "/console/"
                : "Console: off" + (console == null ? " (on by default only on loopback without --credentials; --console turns it on)" : ""));
        if (config.console() && credentials != null) {
            System.out.println("WARNING: the console's page calls the API unsigned, so with --credentials its requests are refused.");
        }
        System.out.println(credentials == null ? "Access: open, any credentials are accepted"
                : "Access: SigV4 verified, keys and their tables from " + credentials.toAbsolutePath());
        if (credentials == null && !InetAddress.getByName(bind).isLoopbackAddress()) {
            System.out.println("WARNING: listening on " + bind + ", beyond this machine, with no credentials file: anyone who can reach "
                    + "the port can read, change and delete every table. Give --credentials FILE, or bind 127.0.0.1.");
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    private boolean consoleOn() throws IOException {
        if (console != null) return console;
        return credentials == null && InetAddress.getByName(bind).isLoopbackAddress();
    }

    /** A value out of range is a usage error, answered with the option's name and the usage, not a stack trace. */
    private void checkOptions() {
        check(port >= 0 && port <= 65535, "--port must be 0..65535, was " + port);
        check(workers >= 1, "--workers must be at least 1, was " + workers);
        check(eventLoops >= 1, "--event-loops must be at least 1, was " + eventLoops);
        check(streamShards >= 1 && streamShards <= 1000, "--stream-shards must be 1..1000, was " + streamShards);
        check(shardRollover.toMillis() >= 100, "--shard-rollover must be at least 100 ms, was " + shardRollover);
        check(retention.toMillis() >= 100, "--stream-retention must be at least 100 ms, was " + retention);
        check(trimInterval.toMillis() >= 10, "--trim-interval must be at least 10 ms, was " + trimInterval);
        check(iteratorLifetime.toMillis() >= 10, "--iterator-lifetime must be at least 10 ms, was " + iteratorLifetime);
        check(idleTimeout.toMillis() >= 1 && headerTimeout.toMillis() >= 1 && bodyTimeout.toMillis() >= 1,
                "--idle-timeout, --header-timeout and --body-timeout must be positive");
        check(bodyMemoryMb >= 1, "--body-memory-mb must be at least 1, was " + bodyMemoryMb);
        check((tlsCert == null) == (tlsKey == null), "--tls-cert and --tls-key go together");
        check(ttlSweepInterval.toMillis() >= 1, "--ttl-sweep-interval must be at least 1 ms, was " + ttlSweepInterval);
    }

    private void check(boolean valid, String message) {
        if (!valid) throw new ParameterException(spec.commandLine(), message);
    }
}
