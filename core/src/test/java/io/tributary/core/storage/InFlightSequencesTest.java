package io.tributary.core.storage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

class InFlightSequencesTest {
    private final InFlightSequences inFlight = new InFlightSequences();

    @Test
    void the_lowest_stays_until_it_completes_however_many_later_ones_complete_first() {
        inFlight.add(3);
        inFlight.add(7);
        inFlight.add(9);
        inFlight.complete(9);
        inFlight.complete(7);
        assertEquals(3, inFlight.lowest());
        inFlight.complete(3);
        assertTrue(inFlight.isEmpty());
    }

    @Test
    void completing_a_number_that_is_not_in_flight_changes_nothing() {
        inFlight.add(5);
        inFlight.complete(4);
        inFlight.complete(6);
        assertEquals(5, inFlight.lowest());
        inFlight.complete(5);
        inFlight.complete(5);
        assertTrue(inFlight.isEmpty());
    }

    @Test
    void numbers_must_be_added_in_increasing_order() {
        inFlight.add(5);
        assertThrows(IllegalArgumentException.class, () -> inFlight.add(5));
        assertThrows(IllegalArgumentException.class, () -> inFlight.add(2));
    }

    @Test
    void agrees_with_a_sorted_set_over_many_random_rounds_that_wrap_and_grow_the_ring() {
        Random random = new Random(42);
        TreeSet<Long> expected = new TreeSet<>();
        List<Long> pending = new ArrayList<>();
        long next = 0;
        for (int round = 0; round < 20_000; round++) {
            int adds = random.nextInt(pending.size() < 200 ? 4 : 1);
            for (int i = 0; i < adds; i++) {
                next += 1 + random.nextInt(3);
                inFlight.add(next);
                expected.add(next);
                pending.add(next);
            }
            if (!pending.isEmpty() && random.nextBoolean()) {
                Collections.swap(pending, random.nextInt(pending.size()), pending.size() - 1);
                long done = pending.remove(pending.size() - 1);
                inFlight.complete(done);
                expected.remove(done);
            }
            assertEquals(expected.isEmpty(), inFlight.isEmpty());
            if (!expected.isEmpty()) assertEquals(expected.first(), inFlight.lowest());
        }
    }
}
