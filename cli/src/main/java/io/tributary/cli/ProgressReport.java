package io.tributary.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A long run as it goes: on a terminal a progress bar (count, rate, ETA against the total once known);
 * otherwise a plain line every five seconds, which logs keep readably.
 */
final class ProgressReport implements AutoCloseable {
    private final Thread thread;
    private final ProgressBar bar;
    private volatile boolean running = true;

    private ProgressReport(PrintWriter err, String task, String unit, LongSupplier done, LongSupplier total) {
        boolean terminal = System.console() != null;
        bar = terminal ? new ProgressBarBuilder().setTaskName(task).setInitialMax(-1)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" " + unit, 1).showSpeed().setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build() : null;
        thread = new Thread(() -> {
            long lastPrinted = System.nanoTime();
            long lastCount = 0;
            while (running) {
                long now = done.getAsLong();
                if (bar != null) {
                    long max = total.getAsLong();
                    if (max > 0 && bar.getMax() != max) bar.maxHint(Math.max(max, now));
                    bar.stepTo(now);
                } else if (System.nanoTime() - lastPrinted >= 5_000_000_000L) {
                    double seconds = (System.nanoTime() - lastPrinted) / 1e9;
                    err.println(String.format("%s: %,d %s (%,.0f %s/s)", task, now, unit, (now - lastCount) / seconds, unit));
                    err.flush();
                    lastPrinted = System.nanoTime();
                    lastCount = now;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "progress");
        thread.setDaemon(true);
    }

    static ProgressReport start(PrintWriter err, String task, String unit, LongSupplier done, LongSupplier total) {
        ProgressReport p = new ProgressReport(err, task, unit, done, total);
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
