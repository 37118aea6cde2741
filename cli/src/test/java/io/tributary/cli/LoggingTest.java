package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server logs through SLF4J: plain lines by default, JSON lines with --log-format json; start-up says where everything is. */
class LoggingTest {
    /** A request whose headers are over the server's limit: refused with 431, and the refusal logged. */
    private static void refusedRequest(ServerProcess server) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.endpoint().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 431", status);
        }
    }

    private static String awaitLine(ServerProcess server, Predicate<String> wanted) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<String> line = server.output().stream().filter(wanted).findFirst();
            if (line.isPresent()) return line.get();
            Thread.sleep(100);
        }
        throw new AssertionError("no such line in:\n" + String.join("\n", server.output()));
    }

    @Test
    void start_up_names_the_endpoint_console_data_and_durability_and_the_log_is_plain(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"))) {
            String endpoint = server.endpoint().toString();
            awaitLine(server, l -> l.equals("Console: " + endpoint + "/console/"));
            awaitLine(server, l -> l.startsWith("Tributary listening on " + endpoint + " (data: " + dir.resolve("data").toAbsolutePath() + ", durability: sync)"));
            refusedRequest(server);
            String line = awaitLine(server, l -> l.contains("refused a request"));
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* WARN .*Refusals - refused a request from /127\\.0\\.0\\.1:\\d+ with 431 .*"), line);
        }
    }

    @Test
    void json_lines_on_request(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), "--log-format", "json", "--no-console")) {
            awaitLine(server, l -> l.equals("Console: off"));
            refusedRequest(server);
            JsonNode event = new ObjectMapper().readTree(awaitLine(server, l -> l.startsWith("{") && l.contains("refused a request")));
            assertEquals("WARN", event.path("level").asText());
            assertEquals("io.tributary.server.http.Refusals", event.path("loggerName").asText());
            assertTrue(event.path("formattedMessage").asText().matches("refused a request from /127\\.0\\.0\\.1:\\d+ with 431 .*"), event.toString());
            assertTrue(event.path("timestamp").asLong() > 0, event.toString());
        }
    }
}
