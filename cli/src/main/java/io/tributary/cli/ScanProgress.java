package io.tributary.cli;

import io.tributary.connect.BootstrapStats;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * A bootstrap's scan as it goes: on a terminal a progress bar (items, rate, ETA against the table's item
 * count); otherwise a plain line every five seconds, which logs keep readably.
 */
final class ScanProgress implements AutoCloseable {
    private final Thread thread;
    private final ProgressBar bar;
    private volatile boolean running = true;

    private ScanProgress(PrintWriter err, BootstrapStats stats, String table) {
        boolean terminal = System.console() != null;
        bar = terminal ? new ProgressBarBuilder().setTaskName("bootstrap " + table).setInitialMax(Math.max(stats.tableItemsEstimate(), -1))
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" items", 1).showSpeed().setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build() : null;
        thread = new Thread(() -> {
            long lastPrinted = System.nanoTime();
            long lastCount = 0;
            while (running) {
                long done = stats.resumedFrom() + stats.itemsRead();
                if (bar != null) {
                    if (stats.tableItemsEstimate() > 0 && bar.getMax() != stats.tableItemsEstimate()) bar.maxHint(stats.tableItemsEstimate());
                    bar.stepTo(done);
                } else if (System.nanoTime() - lastPrinted >= 5_000_000_000L) {
                    double seconds = (System.nanoTime() - lastPrinted) / 1e9;
                    err.println(String.format("bootstrap %s: %,d items read (%,.0f items/s)", table, done, (done - lastCount) / seconds));
                    err.flush();
                    lastPrinted = System.nanoTime();
                    lastCount = done;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "scan-progress");
        thread.setDaemon(true);
    }

    static ScanProgress start(PrintWriter err, BootstrapStats stats, String table) {
        ScanProgress p = new ScanProgress(err, stats, table);
        p.thread.start();
        return p;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        if (bar != null) bar.close();
    }
}
