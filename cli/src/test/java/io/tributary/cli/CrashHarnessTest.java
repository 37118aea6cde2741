package io.tributary.cli;

import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash harness ({@link CrashHarness}) at the suite's size, in both durability modes. A larger run:
 * {@code mvn -B -pl cli surefire:test -Dtest=CrashHarnessTest -Dcrash.kills=50 -Dcrash.clients=8 -Dcrash.roundMillis=10000}
 * (after {@code mvn -B install -DskipTests}).
 */
class CrashHarnessTest {
    static final CrashHarness.Size SUITE = new CrashHarness.Size(4, 40, 5, Duration.ofMillis(2500), 7);

    @Test
    void sync_durability_loses_nothing_acknowledged_and_applies_nothing_by_halves() throws Exception {
        run("--durability=sync");
    }

    /** A process crash is not a machine crash: in async mode too it loses nothing RocksDB accepted. */
    @Test
    void async_durability_survives_process_kills_with_the_same_guarantees() throws Exception {
        run("--durability=async");
    }

    private static void run(String durability) throws Exception {
        Path data = Files.createTempDirectory("tributary-crash");
        try {
            CrashHarness.Outcome outcome = new CrashHarness(data, CrashHarness.Size.fromProperties(SUITE), durability).run();
            System.out.println("crash harness " + durability + ": " + outcome);
            assertTrue(outcome.acknowledged() > 100, "the clients made progress: " + outcome);
            assertTrue(outcome.inDoubt() > 0, "kills came while writes were in flight: " + outcome);
        } finally {
            TestServer.deleteRecursively(data);
        }
    }
}
