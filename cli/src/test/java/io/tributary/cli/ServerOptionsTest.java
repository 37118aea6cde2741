package io.tributary.cli;

import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** An option out of range stops `tributary server` with a usage error naming the option, before anything opens. */
class ServerOptionsTest {
    /** {@code option} and an ephemeral port unless it sets the port itself. */
    private static ExternalCommand server(Path data, String option) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Tributary.class.getName(), "server", "--data-dir", data.toString(), option));
        if (!option.startsWith("--port")) command.add("--port=0");
        return ExternalCommand.run(command, Map.of());
    }

    @Test
    void values_out_of_range_are_usage_errors_that_name_the_option() throws Exception {
        Path data = Files.createTempDirectory("tributary-options").resolve("data");
        Map<String, String> refused = Map.of(
                "--event-loops=0", "--event-loops must be at least 1, was 0",
                "--workers=0", "--workers must be at least 1, was 0",
                "--port=70000", "--port must be 0..65535, was 70000",
                "--stream-shards=0", "--stream-shards must be 1..1000, was 0",
                "--trim-interval=PT0S", "--trim-interval must be at least 10 ms, was PT0S",
                "--ttl-sweep-interval=PT0S", "--ttl-sweep-interval must be at least 1 ms, was PT0S");
        try {
            for (Map.Entry<String, String> option : refused.entrySet()) {
                ExternalCommand run = server(data, option.getKey());
                assertEquals(2, run.exitCode(), option.getKey() + ": " + run.output());
                assertTrue(run.output().startsWith(option.getValue() + System.lineSeparator()), run.output());
                assertTrue(run.output().contains("Usage: tributary server"), run.output());
                assertFalse(run.output().contains("Exception"), run.output());
                assertFalse(Files.exists(data), "refused before the data directory was created");
            }
        } finally {
            TestServer.deleteRecursively(data.getParent());
        }
    }
}
