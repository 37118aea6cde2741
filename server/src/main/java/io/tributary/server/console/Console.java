package io.tributary.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.storage.StreamLog;
import io.tributary.server.json.Json;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The web console's server side: live change feeds, shard lineage and consumer positions. Feeds run on one
 * thread of their own, woken when records appear and then at most every {@link #BATCH_MILLIS}, so the request
 * path does no work for them and a burst of writes costs one read per shard, not one per write.
 */
public final class Console implements AutoCloseable {
    private static final long BATCH_MILLIS = 50;
    /** A feed looks at the table's stream and shards every second: enabled, disabled, rolled over. */
    private static final long TICK_MILLIS = 1000;

    private final StreamLog streams;
    private final LocalApi api;
    private final ConsumerPositions positions;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tributary-console");
        t.setDaemon(true);
        return t;
    });

    public Console(StreamLog streams, LocalApi api) {
        this.streams = streams;
        this.api = api;
        this.positions = new ConsumerPositions(api);
    }

    /** A feed being followed; cancel it when its connection closes. */
    public interface Following {
        void cancel();
    }

    /** Follows the table's stream from now on, handing each event to {@code out} on the console's thread. */
    public Following follow(String table, Consumer<ObjectNode> out) {
        ChangeFeed feed = new ChangeFeed(api, table, out);
        AtomicBoolean cancelled = new AtomicBoolean(), pending = new AtomicBoolean(), waiting = new AtomicBoolean();
        Runnable[] poll = new Runnable[1];
        Runnable tickPoll = () -> {
            if (!cancelled.get()) feed.poll(true);
        };
        // runs on the committing thread: it only hands the read over, and never throws into the write path
        Runnable wake = () -> {
            waiting.set(false);
            if (cancelled.get() || !pending.compareAndSet(false, true)) return;
            try {
                thread.schedule(poll[0], BATCH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                pending.set(false);
            }
        };
        poll[0] = () -> {
            pending.set(false);
            if (cancelled.get()) return;
            // registered before reading, so records that appear during the read wake it again
            if (waiting.compareAndSet(false, true)) streams.whenRecordsAppear(wake);
            feed.poll(false);
        };
        thread.execute(poll[0]);
        ScheduledFuture<?> tick = thread.scheduleWithFixedDelay(tickPoll, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return () -> {
            cancelled.set(true);
            tick.cancel(false);
            streams.forgetWaiter(wake);
        };
    }

    /** The table's streams and their shards over time. */
    public ObjectNode shards(String table) {
        return ShardLineage.of(streams, table);
    }

    /** Every consumer of the table's stream that keeps leases in a table, and where it stands per shard. */
    public ObjectNode consumers(String table) {
        ObjectNode answer = Json.object().put("table", table);
        ArrayNode list = answer.putArray("consumers");
        long now = System.currentTimeMillis();
        for (ConsumerPositions.StreamConsumer c : positions.of(table)) {
            ObjectNode consumer = list.addObject().put("leaseTable", c.leaseTable())
                    .put("iteratorAgeMillis", c.iteratorAgeMillis(now)).put("behind", c.behind());
            ArrayNode shards = consumer.putArray("shards");
            for (ConsumerPositions.Position p : c.shards()) {
                shards.addObject().put("shardId", p.shardId()).put("owner", p.owner()).put("checkpoint", p.checkpoint())
                        .put("behind", p.behind()).put("atLeast", p.atLeast())
                        .put("iteratorAgeMillis", p.oldestUnreadMillis() < 0 ? 0 : Math.max(0, now - p.oldestUnreadMillis()));
            }
        }
        return answer;
    }

    /** How far one consumer of a table's stream is behind: what the metrics report. */
    public record ConsumerLag(String table, String consumer, long iteratorAgeMillis, long behind) {}

    /** Every consumer of every stream that keeps leases in a table. */
    public List<ConsumerLag> consumerLags() {
        long now = System.currentTimeMillis();
        return positions.all().stream().map(c -> new ConsumerLag(c.table(), c.leaseTable(), c.iteratorAgeMillis(now), c.behind())).toList();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
