package io.tributary.core.storage;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.TableDefinition;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes expired items of tables with time to live enabled, as DynamoDB's background process does:
 * each deletion is an ordinary delete with a REMOVE stream record that names the TTL service as its author.
 */
public final class TtlSweeper implements AutoCloseable {
    /** DynamoDB leaves alone items whose expiry lies more than five years in the past. */
    private static final long MAX_AGE_SECONDS = 5L * 365 * 24 * 3600;
    private static final int KEYS_PER_PASS = 1000;

    private final Database db;
    private final ChangeOrigin origin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ttl-sweeper");
        t.setDaemon(true);
        return t;
    });

    public TtlSweeper(Database db, Duration interval, String region) {
        this.db = db;
        this.origin = new ChangeOrigin(region, true);
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::sweepQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            sweep(System.currentTimeMillis() / 1000);
        } catch (RuntimeException e) {
            // a table dropped mid-sweep, or a closing database: the next pass starts afresh
        }
    }

    void sweep(long nowSeconds) {
        for (String name : db.tableNames()) {
            TableDefinition table = db.findTable(name).orElse(null);
            if (table == null || !table.timeToLive().enabled()) continue;
            String attribute = table.timeToLive().attributeName();
            byte[] after = null;
            while (true) {
                List<Map<String, AttributeValue>> expired = new ArrayList<>();
                byte[] last = null;
                int seen = 0;
                try (ItemCursor cursor = db.read(KeyRange.whole(table.id()), true, after)) {
                    while (seen < KEYS_PER_PASS && cursor.next()) {
                        seen++;
                        last = ItemKeys.encode(table, table.keyOf(cursor.item()));
                        if (isExpired(cursor.item().get(attribute), nowSeconds)) expired.add(table.keyOf(cursor.item()));
                    }
                }
                for (Map<String, AttributeValue> key : expired) {
                    db.mutate(table, key, origin, current ->
                            current != null && isExpired(current.get(attribute), nowSeconds) ? null : current);
                }
                if (seen < KEYS_PER_PASS) break;
                after = last;
            }
        }
    }

    static boolean isExpired(AttributeValue v, long nowSeconds) {
        if (v == null || v.type() != AttributeType.N) return false;
        BigDecimal expiry = v.n();
        return expiry.compareTo(BigDecimal.valueOf(nowSeconds)) <= 0
                && expiry.compareTo(BigDecimal.valueOf(nowSeconds - MAX_AGE_SECONDS)) >= 0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
