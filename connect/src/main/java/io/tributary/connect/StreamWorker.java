package io.tributary.connect;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumes one table's stream into a sink, sharing the work with every other worker of the same
 * application name: leases in a DynamoDB table say which worker reads which shard. Each cycle (a quarter of
 * the lease duration) the worker renews its leases, adds leases for new shards, and takes leases that went
 * unrenewed for a whole lease duration, then steals one from the busiest worker while the shards are not
 * spread evenly. Each owned shard is read by its own {@link ShardConsumer} thread.
 *
 * <p>Only the public DynamoDB and DynamoDB Streams APIs are used, so the same worker consumes AWS DynamoDB,
 * DynamoDB Local or Tributary.
 */
public final class StreamWorker implements AutoCloseable {
    /** What a shard consumer needs from its worker. */
    record Context(DynamoDbStreamsClient streams, LeaseTable leases, String streamArn, String table, String workerId,
                   SyncOptions options, Sink sink, OnFailureDestination onFailure, WorkerStats stats) {}

    /** A lease counter as last seen, and when it last changed (this worker's clock: clocks of workers are never compared). */
    private record Seen(long counter, long sinceNanos) {}

    private final Context ctx;
    private final ShardSync shardSync;
    private final Map<String, ShardConsumer> consumers = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Map<String, Seen> seen = new HashMap<>();
    private final Thread loop;
    private volatile boolean stopping;

    public StreamWorker(DynamoDbClient ddb, DynamoDbStreamsClient streams, String table, Sink sink,
                        OnFailureDestination onFailure, SyncOptions options) {
        String arn = ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        if (arn == null) throw new IllegalArgumentException("table " + table + " has no stream; enable one with UpdateTable");
        LeaseTable leases = new LeaseTable(ddb, options.applicationName());
        leases.createIfMissing();
        this.ctx = new Context(streams, leases, arn, table, options.workerId(), options, sink, onFailure, new WorkerStats());
        this.shardSync = new ShardSync(streams, leases, arn, options.startingPosition());
        this.loop = new Thread(this::run, "stream-worker-" + table);
    }

    public StreamWorker start() {
        loop.start();
        return this;
    }

    public WorkerStats stats() {
        return ctx.stats();
    }

    public String streamArn() {
        return ctx.streamArn();
    }

    /** The shards this worker reads now. */
    public Set<String> ownedShards() {
        return Set.copyOf(consumers.keySet());
    }

    /**
     * True once this worker has delivered every change made before {@code time} in every shard of the stream:
     * each lease is read to its end, or held by this worker and caught up.
     */
    public boolean caughtUp(java.time.Instant time) {
        List<Lease> all = ctx.leases().all();
        if (all.isEmpty()) return false;
        for (Lease l : all) {
            if (l.finished()) continue;
            if (!ctx.workerId().equals(l.owner()) || !consumers.containsKey(l.shardId()) || !ctx.stats().caughtUp(l.shardId(), time)) return false;
        }
        return true;
    }

    /**
     * Forgets where the application stood in every shard, so its next worker starts from its starting position:
     * a sink rebuilt from elsewhere (a bootstrap, a replay) hands over at its own positions. No worker of the
     * application may be running.
     */
    public static void resetPositions(DynamoDbClient ddb, String applicationName) {
        LeaseTable leases = new LeaseTable(ddb, applicationName);
        leases.createIfMissing();
        for (Lease l : leases.all()) leases.delete(l.shardId());
    }

    private void run() {
        long cycle = Math.max(50, ctx.options().leaseDuration().toMillis() / 4);
        while (!stopping) {
            try {
                cycle();
            } catch (SdkException e) {
                System.err.println("lease cycle failed, trying again: " + e.getMessage());
            }
            sleep(cycle);
        }
    }

    private void cycle() {
        renew();
        List<Lease> leases = ctx.leases().all();
        if (shardSync.run(leases)) leases = ctx.leases().all();
        observe(leases);
        reapFinished();
        balance(leases);
    }

    private void renew() {
        for (Map.Entry<String, ShardConsumer> e : consumers.entrySet()) {
            if (e.getValue().done()) continue;
            if (!ctx.leases().renew(e.getKey(), ctx.workerId())) {
                e.getValue().leaseLost();
                forget(e.getKey());
            }
        }
    }

    private void observe(List<Lease> leases) {
        long now = System.nanoTime();
        Set<String> present = new HashSet<>();
        for (Lease l : leases) {
            present.add(l.shardId());
            Seen s = seen.get(l.shardId());
            if (s == null || s.counter() != l.counter()) seen.put(l.shardId(), new Seen(l.counter(), now));
        }
        seen.keySet().retainAll(present);
    }

    /** A finished shard's lease is given back, so it no longer counts as work; a crashed consumer's too. */
    private void reapFinished() {
        for (Map.Entry<String, ShardConsumer> e : consumers.entrySet()) {
            if (!e.getValue().done()) continue;
            ctx.leases().release(e.getKey(), ctx.workerId());
            forget(e.getKey());
        }
    }

    private void balance(List<Lease> leases) {
        long now = System.nanoTime();
        long expiry = ctx.options().leaseDuration().toNanos();
        List<Lease> active = leases.stream().filter(l -> !l.finished()).toList();
        List<Lease> available = new ArrayList<>();
        Map<String, List<Lease>> byOwner = new HashMap<>();
        for (Lease l : active) {
            if (ctx.workerId().equals(l.owner())) {
                // Held under this worker's name by an earlier run of it (a restart with the same --worker-id): take it back.
                if (!consumers.containsKey(l.shardId())) available.add(l);
                continue;
            }
            boolean expired = l.owner() == null || now - seen.get(l.shardId()).sinceNanos() >= expiry;
            if (expired) available.add(l);
            else byOwner.computeIfAbsent(l.owner(), o -> new ArrayList<>()).add(l);
        }
        int workers = byOwner.size() + 1;
        int target = (active.size() + workers - 1) / workers;
        int mine = (int) active.stream().filter(l -> ctx.workerId().equals(l.owner()) && consumers.containsKey(l.shardId())).count();
        // Shards whose parents are done first: a child taken early only waits.
        Set<String> finished = new HashSet<>();
        leases.stream().filter(Lease::finished).forEach(l -> finished.add(l.shardId()));
        Set<String> known = new HashSet<>();
        leases.forEach(l -> known.add(l.shardId()));
        available.sort(Comparator.comparing((Lease l) -> !ready(l, known, finished)).thenComparing(Lease::shardId));
        for (Lease l : available) {
            if (mine >= target) break;
            if (take(l)) mine++;
        }
        if (mine < target && available.isEmpty()) {
            byOwner.values().stream().max(Comparator.comparingInt(List::size))
                    .filter(busiest -> busiest.size() > target)
                    .ifPresent(busiest -> take(busiest.get(busiest.size() - 1)));
        }
    }

    private static boolean ready(Lease l, Set<String> known, Set<String> finished) {
        return l.parentShardIds().stream().allMatch(p -> !known.contains(p) || finished.contains(p));
    }

    private boolean take(Lease l) {
        if (!ctx.leases().take(l, ctx.workerId())) return false;
        ShardConsumer consumer = new ShardConsumer(l.shardId(), ctx);
        Thread t = new Thread(consumer, "shard-" + l.shardId());
        t.setDaemon(true);
        consumers.put(l.shardId(), consumer);
        threads.put(l.shardId(), t);
        t.start();
        return true;
    }

    private void forget(String shardId) {
        consumers.remove(shardId);
        threads.remove(shardId);
    }

    /**
     * Stops as if the process had died: nothing more is applied, checkpointed, renewed or released, so other
     * workers take the leases only once they expire.
     */
    void halt() {
        stopping = true;
        loop.interrupt();
        consumers.values().forEach(ShardConsumer::leaseLost);
        consumers.clear();
        threads.clear();
    }

    /**
     * Stops cleanly: every consumer hands the sinks what it holds and checkpoints it, then the leases are
     * given back so other workers take them at once, without waiting for them to expire.
     */
    @Override
    public void close() {
        stopping = true;
        loop.interrupt();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumers.values().forEach(ShardConsumer::stop);
        for (Map.Entry<String, Thread> e : threads.entrySet()) {
            try {
                e.getValue().join(30_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            try {
                ctx.leases().release(e.getKey(), ctx.workerId());
            } catch (SdkException ex) {
                System.err.println("could not release the lease of " + e.getKey() + " (it will expire): " + ex.getMessage());
            }
        }
        consumers.clear();
        threads.clear();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // woken to stop
        }
    }
}
