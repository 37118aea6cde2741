package io.tributary.core.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.*;

class ItemLocksTest {
    private final ItemLocks locks = new ItemLocks();

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_held_key_makes_a_second_writer_wait_until_it_is_released() throws Exception {
        ItemLocks.Held first = locks.lock(key("a"));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> locks.lock(key("a")).close());
        assertThrows(TimeoutException.class, () -> second.get(200, TimeUnit.MILLISECONDS));
        first.close();
        second.get(5, TimeUnit.SECONDS);
        assertEquals(0, locks.size(), "no lock is kept once nobody holds or waits for it");
    }

    @Test
    void other_keys_never_wait_on_a_held_one() throws Exception {
        try (ItemLocks.Held held = locks.lockAll(List.of(key("a"), key("b"), key("c")))) {
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                CompletableFuture.runAsync(() -> locks.lock(key("other-" + n)).close()).get(5, TimeUnit.SECONDS);
            }
        }
        assertEquals(0, locks.size());
    }

    @Test
    void a_write_naming_one_key_twice_takes_it_once() throws Exception {
        try (ItemLocks.Held held = locks.lockAll(List.of(key("a"), key("b"), key("a")))) {
            assertEquals(2, locks.size());
        }
        CompletableFuture.runAsync(() -> locks.lock(key("a")).close()).get(5, TimeUnit.SECONDS);
        assertEquals(0, locks.size());
    }

    @Test
    void overlapping_multi_key_writes_neither_deadlock_nor_lose_updates() throws Exception {
        int[] counters = new int[8];
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int first = t;
            writers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2000; i++) {
                    int a = (first + i) % 8, b = (first + 3 * i + 1) % 8;
                    // keys named in opposite orders by different writers
                    List<byte[]> keys = i % 2 == 0 ? List.of(key("k" + a), key("k" + b)) : List.of(key("k" + b), key("k" + a));
                    try (ItemLocks.Held held = locks.lockAll(keys)) {
                        counters[a]++;
                        if (b != a) counters[b]++;
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> w : writers) w.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        int total = 0;
        for (int c : counters) total += c;
        int expected = 0;
        for (int t = 0; t < 8; t++) {
            for (int i = 0; i < 2000; i++) expected += (t + i) % 8 == (t + 3 * i + 1) % 8 ? 1 : 2;
        }
        assertEquals(expected, total, "every increment made under the lock survived");
        assertEquals(0, locks.size());
    }
}
