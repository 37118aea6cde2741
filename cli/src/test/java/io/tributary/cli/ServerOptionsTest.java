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

    @Test
    void start_up_says_the_access_mode_and_warns_when_open_beyond_loopback() throws Exception {
        Path data = Files.createTempDirectory("tributary-access");
        try {
            try (ServerProcess open = ServerProcess.start(data.resolve("a"), "--bind", "0.0.0.0")) {
                String said = waitForLine(open, "WARNING");
                assertTrue(said.contains("Access: open, any credentials are accepted"), said);
                assertTrue(said.contains("WARNING: listening on 0.0.0.0, beyond this machine, with no credentials file"), said);
            }
            Path credentials = data.resolve("credentials.json");
            Files.writeString(credentials, "{\"keys\": [{\"accessKeyId\": \"AKID\", \"secretAccessKey\": \"s\", \"read\": [\"*\"]}]}");
            try (ServerProcess verified = ServerProcess.start(data.resolve("b"), "--bind", "0.0.0.0", "--credentials", credentials.toString())) {
                String said = waitForLine(verified, "Access:");
                assertTrue(said.contains("Access: SigV4 verified"), said);
                assertFalse(said.contains("WARNING"), said);
            }
            Files.writeString(credentials, "{\"keys\": [{\"accessKeyId\": \"AKID\"}]}");
            ExternalCommand broken = server(data.resolve("c"), "--credentials=" + credentials);
            assertEquals(1, broken.exitCode(), broken.output());
            assertTrue(broken.output().contains("\"secretAccessKey\" is required"), broken.output());
            assertFalse(broken.output().contains("Exception"), broken.output());
        } finally {
            TestServer.deleteRecursively(data);
        }
    }

    private static String waitForLine(ServerProcess server, String text) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            String all = String.join("\n", server.output());
            if (all.contains(text)) return all;
            Thread.sleep(25);
        }
        return String.join("\n", server.output());
    }
}
