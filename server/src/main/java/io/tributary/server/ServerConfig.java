package io.tributary.server;

import io.tributary.core.model.StreamSettings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a server runs; the defaults are those a tutorial written for DynamoDB Local expects.
 *
 * @param syncWrites true: an acknowledged write is in the WAL on disk (the default); false: faster,
 *                   and the last writes may be lost if the machine (not the process) fails
 * @param eventLoops the threads that serve connections and run item reads and writes
 * @param console    serve the web console under {@code /console/}
 */
public record ServerConfig(String bindAddress, int port, Path dataDirectory, boolean syncWrites, int workerThreads,
                           int eventLoops, StreamSettings streams, Duration ttlSweepInterval, HttpLimits http, Security security,
                           boolean console) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
    public static final Path DEFAULT_DATA = Path.of("data");
    public static final int DEFAULT_WORKERS = 64;
    public static final Duration DEFAULT_TTL_SWEEP = Duration.ofSeconds(30);
    /**
     * One per core: every request runs whole on its loop, so more loops than cores only wait for a core while
     * holding their connections' requests (wrk, 16 connections, two cores: GetItem and PutItem p99 6.5-9 ms with
     * four loops, 1.4-3.9 ms with two). More help a client whose many busy threads share the server's cores.
     */
    public static final int DEFAULT_EVENT_LOOPS = Runtime.getRuntime().availableProcessors();

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        if (workerThreads < 1) throw new IllegalArgumentException("workerThreads must be at least 1");
        if (eventLoops < 1) throw new IllegalArgumentException("eventLoops must be at least 1");
        if (bindAddress == null || bindAddress.isBlank()) throw new IllegalArgumentException("bindAddress is required");
        if (dataDirectory == null) throw new IllegalArgumentException("dataDirectory is required");
        if (streams == null) throw new IllegalArgumentException("streams settings are required");
        if (ttlSweepInterval == null || ttlSweepInterval.isNegative() || ttlSweepInterval.isZero()) {
            throw new IllegalArgumentException("the TTL sweep interval must be positive");
        }
        if (http == null) throw new IllegalArgumentException("HTTP limits are required");
        if (security == null) throw new IllegalArgumentException("security settings are required");
    }

    public ServerConfig(String bindAddress, int port, Path dataDirectory, boolean syncWrites, int workerThreads,
                        int eventLoops, StreamSettings streams, Duration ttlSweepInterval) {
        this(bindAddress, port, dataDirectory, syncWrites, workerThreads, eventLoops, streams, ttlSweepInterval, HttpLimits.DEFAULTS, Security.OPEN, true);
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_BIND, DEFAULT_PORT, DEFAULT_DATA, true, DEFAULT_WORKERS, DEFAULT_EVENT_LOOPS,
                StreamSettings.DEFAULTS, DEFAULT_TTL_SWEEP);
    }
}
