package io.tributary.connect;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one leased shard from its checkpoint to its end, or until the lease is lost or the worker stops:
 * waits for its parents to finish first, hands the sinks batches of the changes that pass the filter, and
 * checkpoints only what the sinks have applied (flushed first), so delivery is at least once.
 */
final class ShardConsumer implements Runnable {
    private final String shardId;
    private final StreamWorker.Context ctx;
    private final RecordReader reader;
    private final Delivery delivery;
    private volatile boolean stopRequested;
    private volatile boolean leaseLost;
    private volatile boolean done;
    private boolean reachedEnd;
    private Instant skipBefore;

    ShardConsumer(String shardId, StreamWorker.Context ctx) {
        this.shardId = shardId;
        this.ctx = ctx;
        this.reader = new RecordReader(ctx.streams(), ctx.options().batchSize(), ctx.options().longPollWait());
        this.delivery = new Delivery(ctx.sink(), ctx.onFailure(), ctx.options(), () -> stopRequested, ctx.stats());
    }

    /** Stop after the batch in hand, checkpointing it. */
    void stop() {
        stopRequested = true;
    }

    /** Another worker owns the shard now: stop without writing anything more. */
    void leaseLost() {
        leaseLost = true;
        stopRequested = true;
    }

    boolean done() {
        return done;
    }

    /** True when the shard was read to its end and its lease says SHARD_END. */
    boolean reachedEnd() {
        return reachedEnd;
    }

    @Override
    public void run() {
        try {
            consume();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("shard " + shardId + " stopped on an error (its lease will be taken again): " + e);
        } finally {
            done = true;
        }
    }

    private void consume() throws InterruptedException {
        if (!waitForParents()) return;
        Lease lease = ctx.leases().get(shardId);
        if (lease == null || !ctx.workerId().equals(lease.owner())) return;
        if (lease.finished()) {
            reachedEnd = true;
            return;
        }
        String checkpointed = lease.checkpoint();
        String iterator = iteratorFor(checkpointed);
        if (iterator == null) {
            finish(List.of());
            return;
        }
        String lastRead = null;
        String safe = null;
        List<ChangeEvent> batch = new ArrayList<>();
        long batchStarted = 0;
        long lastCheckpointAt = System.nanoTime();
        long idlePause = 0;
        int transientFailures = 0;
        while (!stopRequested) {
            GetRecordsResponse response;
            try {
                // A batch in hand must not wait on the server past its batching window.
                long windowLeft = batch.isEmpty() ? Long.MAX_VALUE
                        : ctx.options().maxBatchingWindow().toMillis() - (System.nanoTime() - batchStarted) / 1_000_000;
                response = reader.read(iterator, windowLeft);
                transientFailures = 0;
            } catch (ExpiredIteratorException e) {
                iterator = iteratorFor(lastRead != null ? lastRead : checkpointed);
                if (iterator == null) break;
                continue;
            } catch (TrimmedDataAccessException e) {
                // DynamoDB Local says this of a TRIM_HORIZON iterator taken while the shard was empty: nothing was missed.
                if (lastRead != null || !checkpointed.equals("TRIM_HORIZON")) gap(lastRead != null ? lastRead : checkpointed, e);
                iterator = iterator(ShardIteratorType.TRIM_HORIZON, null);
                continue;
            } catch (ResourceNotFoundException e) {
                iterator = null;
                response = null;
            } catch (SdkException e) {
                pause(Math.min(5_000, 100L << Math.min(transientFailures++, 6)));
                continue;
            }
            if (response != null) {
                List<Record> records = response.records();
                ctx.stats().read(records.size());
                for (Record r : records) {
                    ChangeEvent event = ChangeEvent.of(r, ctx.table(), ctx.streamArn(), shardId);
                    lastRead = event.sequenceNumber();
                    if ((skipBefore != null && event.approximateCreationTime() != null
                            && event.approximateCreationTime().isBefore(skipBefore)) || !ctx.options().filter().matches(event)) {
                        ctx.stats().filteredOut(1);
                        if (batch.isEmpty()) safe = lastRead;
                        continue;
                    }
                    if (batch.isEmpty()) batchStarted = System.nanoTime();
                    batch.add(event);
                    if (batch.size() == ctx.options().batchSize()) {
                        if (!deliver(batch)) return;
                        safe = lastRead;
                    }
                }
                ctx.stats().lag(shardId, lagMillis(records));
                iterator = response.nextShardIterator();
                boolean windowOver = System.nanoTime() - batchStarted >= ctx.options().maxBatchingWindow().toNanos();
                if (!batch.isEmpty() && (windowOver || iterator == null)) {
                    if (!deliver(batch)) return;
                    safe = lastRead;
                }
                if (batch.isEmpty() && lastRead != null) safe = lastRead;
                ctx.stats().atHead(shardId, records.isEmpty() && batch.isEmpty());
                if (records.isEmpty()) idlePause = reader.longPolling() ? 0 : nextIdlePause(idlePause);
                else idlePause = 0;
            }
            if (iterator == null) {
                finish(batch);
                return;
            }
            if (safe != null && !safe.equals(checkpointed)
                    && System.nanoTime() - lastCheckpointAt >= ctx.options().checkpointInterval().toNanos()) {
                if (!checkpoint(safe)) return;
                checkpointed = safe;
                lastCheckpointAt = System.nanoTime();
            }
            if (idlePause > 0) pause(idlePause);
        }
        if (leaseLost) return;
        if (!batch.isEmpty()) {
            if (!deliver(batch)) return;
            safe = lastRead;
        }
        if (safe != null && !safe.equals(checkpointed)) checkpoint(safe);
    }

    /** How old the last record read is now; 0 when nothing was read, the shard being caught up. */
    private static long lagMillis(List<Record> records) {
        if (records.isEmpty()) return 0;
        Instant created = records.get(records.size() - 1).dynamodb().approximateCreationDateTime();
        return created == null ? 0 : Math.max(0, System.currentTimeMillis() - created.toEpochMilli());
    }

    /** Delivers and empties the batch; false if the worker stopped while it kept failing. */
    private boolean deliver(List<ChangeEvent> batch) throws InterruptedException {
        try {
            delivery.deliver(List.copyOf(batch));
            ctx.stats().delivered(shardId, batch.get(batch.size() - 1).approximateCreationTime());
            batch.clear();
            return true;
        } catch (Delivery.Abandoned stopping) {
            return false;
        }
    }

    private void finish(List<ChangeEvent> batch) throws InterruptedException {
        if (!batch.isEmpty() && !deliver(batch)) return;
        if (checkpoint(Lease.SHARD_END)) reachedEnd = true;
        ctx.stats().shardDone(shardId);
    }

    private boolean checkpoint(String position) {
        try {
            ctx.sink().flush();
        } catch (Exception e) {
            System.err.println("sink flush failed; shard " + shardId + " keeps its last checkpoint: " + e);
            return true;
        }
        boolean mine = ctx.leases().checkpoint(shardId, ctx.workerId(), position);
        if (!mine) leaseLost();
        else ctx.stats().checkpointed();
        return mine;
    }

    /** Parents first: a child's changes to an item are newer than any of its parent's. */
    private boolean waitForParents() throws InterruptedException {
        Lease own = ctx.leases().get(shardId);
        if (own == null) return false;
        for (String parent : own.parentShardIds()) {
            while (true) {
                if (stopRequested) return false;
                Lease p = ctx.leases().get(parent);
                if (p == null || p.finished()) break;
                pause(200);
            }
        }
        return true;
    }

    /** An iterator at the checkpoint; null when the shard no longer exists. */
    private String iteratorFor(String checkpoint) {
        if (checkpoint.equals("TRIM_HORIZON")) return iterator(ShardIteratorType.TRIM_HORIZON, null);
        if (checkpoint.equals("LATEST")) return iterator(ShardIteratorType.LATEST, null);
        if (checkpoint.startsWith("AT_TIMESTAMP:")) {
            // DynamoDB Streams has no AT_TIMESTAMP iterator: read from the start and skip older changes. Creation
            // times are whole seconds, so changes of the time's own second are kept: some too many, none missed.
            skipBefore = Instant.ofEpochMilli(Long.parseLong(checkpoint.substring("AT_TIMESTAMP:".length())))
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return iterator(ShardIteratorType.TRIM_HORIZON, null);
        }
        try {
            return iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, checkpoint);
        } catch (TrimmedDataAccessException e) {
            gap(checkpoint, e);
            return iterator(ShardIteratorType.TRIM_HORIZON, null);
        }
    }

    private String iterator(ShardIteratorType type, String sequenceNumber) {
        while (true) {
            try {
                return ctx.streams().getShardIterator(b -> b.streamArn(ctx.streamArn()).shardId(shardId)
                        .shardIteratorType(type).sequenceNumber(sequenceNumber)).shardIterator();
            } catch (ResourceNotFoundException gone) {
                return null;
            } catch (TrimmedDataAccessException e) {
                throw e;
            } catch (SdkException e) {
                if (stopRequested) return null;
                try {
                    pause(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    /** The records after the checkpoint were trimmed before they were read: reported, then reading goes on. */
    private void gap(String after, TrimmedDataAccessException e) {
        ctx.stats().gap();
        System.err.println("shard " + shardId + ": records after " + after
                + " were trimmed from the stream before they were read (" + e.awsErrorDetails().errorMessage()
                + "); going on from the oldest record left");
    }

    private long nextIdlePause(long previous) {
        return Math.min(ctx.options().idlePollLimit().toMillis(), previous == 0 ? 5 : previous * 2);
    }

    private void pause(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!stopRequested && System.currentTimeMillis() < end) Thread.sleep(Math.min(20, Math.max(1, end - System.currentTimeMillis())));
    }
}
