package io.tributary.server.http;

import java.util.concurrent.atomic.AtomicLong;

/** The bytes of request bodies being received or handled, all connections together, and their ceiling. */
final class BodyBudget {
    private final long limit;
    private final AtomicLong inFlight = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the budget, or nothing (false) when they do not fit. */
    boolean tryTake(long bytes) {
        while (true) {
            long now = inFlight.get();
            if (now + bytes > limit) return false;
            if (inFlight.compareAndSet(now, now + bytes)) return true;
        }
    }

    void giveBack(long bytes) {
        inFlight.addAndGet(-bytes);
    }

    long inFlight() {
        return inFlight.get();
    }
}
