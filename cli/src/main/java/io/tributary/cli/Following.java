package io.tributary.cli;

import io.tributary.connect.StreamWorker;

import java.io.PrintWriter;
import java.time.Instant;

/** A stream worker followed on the terminal: its status line until a stop or, if asked, until it has caught up. */
final class Following {
    private Following() {}

    /**
     * Shows the worker's status until {@code stop} comes or, with {@code untilCaughtUp}, until it has delivered
     * every change made before now; then prints the summary. True if it caught up.
     */
    static boolean follow(PrintWriter err, StreamWorker worker, StopSignal stop, boolean untilCaughtUp, String what) throws InterruptedException {
        SyncStatusLine status = new SyncStatusLine(err, worker.stats());
        status.start();
        Instant from = Instant.now();
        boolean caughtUp = false;
        try {
            while (!stop.requested()) {
                if (untilCaughtUp && worker.caughtUp(from)) {
                    caughtUp = true;
                    break;
                }
                stop.await(200);
            }
        } finally {
            status.stop();
        }
        err.println(status.summary(what));
        err.flush();
        return caughtUp;
    }
}
