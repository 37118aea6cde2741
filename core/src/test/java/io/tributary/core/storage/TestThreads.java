package io.tributary.core.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Threads that each run a body with their index; the first failure any of them meets is kept for the test. */
final class TestThreads {
    @FunctionalInterface
    interface Body {
        void run(int index) throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    static TestThreads start(int count, Body body) {
        TestThreads t = new TestThreads();
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    body.run(index);
                } catch (Throwable e) {
                    t.failure.compareAndSet(null, e);
                }
            });
            t.threads.add(thread);
            thread.start();
        }
        return t;
    }

    /** Waits for every thread; the first failure, or null. */
    Throwable join() throws InterruptedException {
        for (Thread t : threads) t.join();
        return failure.get();
    }
}
