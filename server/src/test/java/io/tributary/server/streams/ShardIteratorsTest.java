package io.tributary.server.streams;

import io.tributary.core.TributaryException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** Tokens decode to what was encoded, on any thread and however often; a changed byte is refused. */
class ShardIteratorsTest {
    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026-11-27T00:00:00.000";
    private final ShardIterators iterators = new ShardIterators("secret of this test".getBytes(StandardCharsets.UTF_8));

    @Test
    void tokens_round_trip_on_many_threads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    for (long i = 0; i < 2_000; i++) {
                        ShardIterators.Position p = new ShardIterators.Position(thread, (int) i % 7, i * 31, 1_000 + i);
                        String token = iterators.encode(ARN, p);
                        assertTrue(token.startsWith(ARN + "|1|"));
                        assertEquals(p, iterators.decode(token));
                    }
                }));
            }
            for (Future<?> f : runs) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_token_with_any_byte_changed_is_invalid() {
        String token = iterators.encode(ARN, new ShardIterators.Position(5, 2, 123_456, 1_764_201_600_000L));
        int at = token.lastIndexOf("|1|") + 3;
        byte[] raw = Base64.getUrlDecoder().decode(token.substring(at));
        for (int i = 0; i < raw.length; i++) {
            byte[] changed = raw.clone();
            changed[i] ^= 1;
            String forged = token.substring(0, at) + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            TributaryException e = assertThrows(TributaryException.class, () -> iterators.decode(forged), "byte " + i);
            assertEquals("Invalid ShardIterator", e.getMessage());
        }
    }
}
