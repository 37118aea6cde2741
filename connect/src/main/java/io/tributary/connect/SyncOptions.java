package io.tributary.connect;

import java.time.Duration;
import java.util.UUID;

/**
 * How a {@link StreamWorker} consumes: the options of a Lambda event source mapping (batch size, batching
 * window, starting position, retries, bisection, filters) and those of its leases.
 *
 * @param applicationName   names the lease table, created on first use; workers with the same name share
 *                          the stream, workers with different names each see every change
 * @param workerId          this worker's name in the lease table, unique among the workers sharing it
 * @param batchSize         most changes handed to the sinks at once (1..10,000)
 * @param maxBatchingWindow how long to gather changes before a batch smaller than batchSize goes
 * @param maxRetries        retries of a failing batch before it is bisected or dead-lettered; -1 retries for ever
 * @param bisectOnError     split a batch that keeps failing in two, down to the one change that fails
 * @param leaseDuration     a lease not renewed for this long is taken over by another worker
 * @param checkpointInterval how often a shard's position is written (the sinks flushed first); shard ends and
 *                          shutdowns always checkpoint
 * @param idlePollLimit     longest pause between polls of a quiet shard, where the server has no long poll
 * @param longPollWait      how long a GetRecords may wait for a change on servers that offer it (Tributary)
 */
public record SyncOptions(String applicationName, String workerId, int batchSize, Duration maxBatchingWindow,
                          StartingPosition startingPosition, int maxRetries, boolean bisectOnError,
                          FilterCriteria filter, Duration leaseDuration, Duration checkpointInterval,
                          Duration retryBaseDelay, Duration retryMaxDelay, Duration idlePollLimit,
                          Duration longPollWait) {
    public SyncOptions {
        if (applicationName == null || !applicationName.matches("[a-zA-Z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException("the application name becomes a table name: 3 to 255 of a-z, A-Z, 0-9, _ - .");
        }
        if (batchSize < 1 || batchSize > 10_000) throw new IllegalArgumentException("batch size must be 1..10000");
        if (maxRetries < -1) throw new IllegalArgumentException("max retries must be -1 (for ever) or more");
        if (leaseDuration.toMillis() < 100) throw new IllegalArgumentException("lease duration must be at least 100 ms");
    }

    public static SyncOptions defaults(String applicationName) {
        return new SyncOptions(applicationName, defaultWorkerId(), 100, Duration.ZERO, StartingPosition.TRIM_HORIZON, 3,
                true, FilterCriteria.none(), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofSeconds(1));
    }

    private static String defaultWorkerId() {
        return ProcessHandle.current().pid() + "@" + hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    public SyncOptions withWorkerId(String v) {
        return new SyncOptions(applicationName, v, batchSize, maxBatchingWindow, startingPosition, maxRetries, bisectOnError, filter, leaseDuration, checkpointInterval, retryBaseDelay, retryMaxDelay, idlePollLimit, longPollWait);
    }

    public SyncOptions withBatchSize(int v) {
        return new SyncOptions(applicationName, workerId, v, maxBatchingWindow, startingPosition, maxRetries, bisectOnError, filter, leaseDuration, checkpointInterval, retryBaseDelay, retryMaxDelay, idlePollLimit, longPollWait);
    }

    public SyncOptions withMaxBatchingWindow(Duration v) {
        return new SyncOptions(applicationName, workerId, batchSize, v, startingPosition, maxRetries, bisectOnError, filter, leaseDuration, checkpointInterval, retryBaseDelay, retryMaxDelay, idlePollLimit, longPollWait);
    }

    public SyncOptions withStartingPosition(StartingPosition v) {
        return new SyncOptions(applicationName, workerId, batchSize, maxBatchingWindow, v, maxRetries, bisectOnError, filter, leaseDuration, checkpointInterval, retryBaseDelay, retryMaxDelay, idlePollLimit, longPollWait);
    }

    public SyncOptions withRetries(int max, boolean bisect) {
        return new SyncOptions(applicationName, workerId, batchSize, maxBatchingWindow, startingPosition, max, bisect, filter, leaseDuration, checkpointInterval, retryBaseDelay, retryMaxDelay, idlePollLimit, longPollWait);
    }

    public SyncOptions withRetryDelays(Duration base, Duration max) {
        return new SyncOptions(applicationName, workerId, batchSize, maxBatchingWindow, startingPosition, maxRetries, bisectOnError, filter, leaseDuration, checkpointInterval, base, max, idlePollLimit, longPollWait);
    }

    public SyncOptions withFilter(FilterCriteria v) {
        return new SyncOptions(applicationName, workerId, batchSize, maxBatchingWindow, startingPosition, maxRetries, bisectOnError, v, leaseDuration, checkpointInterval, retryBaseDelay, retryMaxDelay, idlePollLimit, longPollWait);
    }

    public SyncOptions withLeaseDuration(Duration v) {
        return new SyncOptions(applicationName, workerId, batchSize, maxBatchingWindow, startingPosition, maxRetries, bisectOnError, filter, v, checkpointInterval, retryBaseDelay, retryMaxDelay, idlePollLimit, longPollWait);
    }

    public SyncOptions withCheckpointInterval(Duration v) {
        return new SyncOptions(applicationName, workerId, batchSize, maxBatchingWindow, startingPosition, maxRetries, bisectOnError, filter, leaseDuration, v, retryBaseDelay, retryMaxDelay, idlePollLimit, longPollWait);
    }

    public SyncOptions withPolling(Duration idleLimit, Duration longPoll) {
        return new SyncOptions(applicationName, workerId, batchSize, maxBatchingWindow, startingPosition, maxRetries, bisectOnError, filter, leaseDuration, checkpointInterval, retryBaseDelay, retryMaxDelay, idleLimit, longPoll);
    }
}
