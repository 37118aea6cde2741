package io.tributary.connect;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Hands a batch to the sink until it is applied: retries with exponential backoff and full jitter, honours
 * partial batch failures, bisects a batch that keeps failing, and sends a change that fails alone to the
 * on-failure destination, so one bad record never stops the stream.
 */
final class Delivery {
    /** The worker is stopping while a batch still fails: the batch stays unapplied and uncheckpointed. */
    static final class Abandoned extends Exception {
        Abandoned() {
            super("stopping while the batch still fails", null, false, false);
        }
    }

    private final Sink sink;
    private final OnFailureDestination onFailure;
    private final SyncOptions options;
    private final BooleanSupplier stopping;
    private final WorkerStats stats;

    Delivery(Sink sink, OnFailureDestination onFailure, SyncOptions options, BooleanSupplier stopping, WorkerStats stats) {
        this.sink = sink;
        this.onFailure = onFailure;
        this.options = options;
        this.stopping = stopping;
        this.stats = stats;
    }

    void deliver(List<ChangeEvent> batch) throws Abandoned, InterruptedException {
        List<ChangeEvent> pending = batch;
        int failures = 0;
        while (!pending.isEmpty()) {
            Exception failure;
            try {
                sink.apply(pending);
                stats.applied(pending.size());
                return;
            } catch (PartialBatchFailure partial) {
                int from = indexOf(pending, partial.sequenceNumber());
                stats.applied(from);
                pending = pending.subList(from, pending.size());
                failure = partial;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failure = e;
            }
            failures++;
            if (options.maxRetries() < 0 || failures <= options.maxRetries()) {
                stats.retried();
                backoff(failures);
                continue;
            }
            if (options.bisectOnError() && pending.size() > 1) {
                int half = pending.size() / 2;
                deliver(pending.subList(0, half));
                deliver(pending.subList(half, pending.size()));
                return;
            }
            deadLetter(pending, failure);
            return;
        }
    }

    private void deadLetter(List<ChangeEvent> changes, Exception failure) throws Abandoned, InterruptedException {
        for (ChangeEvent change : changes) {
            int attempts = 0;
            while (true) {
                try {
                    onFailure.send(change, failure);
                    stats.addDeadLettered();
                    break;
                } catch (Exception e) {
                    // Losing the change is not an option: the destination is retried as long as the worker runs.
                    System.err.println("on-failure destination failed for " + change.sequenceNumber() + ": " + e);
                    backoff(++attempts);
                }
            }
        }
    }

    private void backoff(int attempt) throws Abandoned, InterruptedException {
        if (stopping.getAsBoolean()) throw new Abandoned();
        long cap = Math.min(options.retryMaxDelay().toMillis(), options.retryBaseDelay().toMillis() << Math.min(attempt - 1, 20));
        long sleep = ThreadLocalRandom.current().nextLong(cap + 1);
        long end = System.currentTimeMillis() + sleep;
        while (System.currentTimeMillis() < end) {
            if (stopping.getAsBoolean()) throw new Abandoned();
            Thread.sleep(Math.min(50, Math.max(1, end - System.currentTimeMillis())));
        }
    }

    /** Where the failed change is in the batch; a sequence number not in it fails the whole batch. */
    private static int indexOf(List<ChangeEvent> batch, String sequenceNumber) {
        for (int i = 0; i < batch.size(); i++) {
            if (SequenceNumbers.compare(batch.get(i).sequenceNumber(), sequenceNumber) == 0) return i;
        }
        return 0;
    }
}
