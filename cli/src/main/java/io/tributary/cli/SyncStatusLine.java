package io.tributary.cli;

import io.tributary.connect.WorkerStats;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;
import java.util.TreeMap;

/** The live status line of a stream worker: changes a second, the lag of each shard, the last checkpoint; and the summary at the end. */
final class SyncStatusLine {
    private final PrintWriter err;
    private final WorkerStats stats;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    SyncStatusLine(PrintWriter err, WorkerStats stats) {
        this.err = err;
        this.stats = stats;
        this.thread = new Thread(this::loop, "sync-status");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
    }

    private void loop() {
        long lastApplied = 0;
        long every = terminal ? 1_000 : 10_000;
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            long applied = stats.applied();
            long rate = (applied - lastApplied) * 1000 / every;
            lastApplied = applied;
            StringJoiner lags = new StringJoiner(" ", "[", "]");
            new TreeMap<>(stats.lagMillis()).forEach((shard, ms) -> lags.add("…" + shard.substring(Math.max(0, shard.length() - 8)) + "=" + ms + "ms"));
            String line = String.format("%,d changes/s  applied %,d  lag per shard %s  dead-lettered %,d  last checkpoint %s",
                    rate, applied, lags, stats.deadLettered(),
                    stats.lastCheckpoint() == null ? "none yet" : stats.lastCheckpoint().truncatedTo(ChronoUnit.SECONDS));
            synchronized (err) {
                err.print(terminal ? "\r" + line + "   " : line + "\n");
                err.flush();
            }
        }
    }

    String summary(String what) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return (terminal ? "\n" : "") + String.format(
                "%s after %.1f s: %,d changes read, %,d applied, %,d filtered out, %,d retries, %,d dead-lettered, %,d trimmed gaps",
                what, seconds, stats.read(), stats.applied(), stats.filteredOut(), stats.retries(), stats.deadLettered(), stats.gaps());
    }
}
