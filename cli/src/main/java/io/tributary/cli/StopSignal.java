package io.tributary.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM for a long-running command: the JVM's shutdown hook stops the given work and then waits
 * (up to a minute) until the command has closed its destinations and said {@link #done}.
 */
final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal(AutoCloseable work) {
        hook = new Thread(() -> {
            requested.countDown();
            try {
                work.close();
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("stopping failed: " + e);
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static StopSignal install(AutoCloseable work) {
        return new StopSignal(work);
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code millis} for a stop; true if one came. */
    boolean await(long millis) throws InterruptedException {
        return requested.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The command has finished: a waiting hook may let the JVM end; without a stop, the hook is no longer needed. */
    void done() {
        finished.countDown();
        if (!requested()) Runtime.getRuntime().removeShutdownHook(hook);
    }
}
