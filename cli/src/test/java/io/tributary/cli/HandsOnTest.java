package io.tributary.cli;

import io.tributary.server.TestServer;
import io.tributary.server.testing.RequiredTool;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The course module's own scripts, unmodified, through ../shared/seed/run-hands-on.sh, against the real server. */
class HandsOnTest {
    static Path runner() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/seed/run-hands-on.sh");
            if (Files.exists(candidate)) return candidate;
            Path sibling = dir.resolveSibling("shared").resolve("seed/run-hands-on.sh");
            if (Files.exists(sibling)) return sibling;
        }
        return RequiredTool.file(null, "../shared/seed/run-hands-on.sh (the course module's scripts, beside the checkout)");
    }

    static ExternalCommand handsOn(TestServer server, String... scripts) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", runner().toString(), server.endpoint().toString()));
        command.addAll(List.of(scripts));
        ExternalCommand r = ExternalCommand.run(command, ExternalCommand.awsEnvironment());
        assertEquals(0, r.exitCode(), r.output());
        return r;
    }

    /** The lines printed for one event of dynamodb_cdc.py: "Event N: NAME - user", then Sequence, Before, After. */
    record Event(String name, String before, String after) {}

    static List<Event> events(String output) {
        List<Event> events = new ArrayList<>();
        Matcher m = Pattern.compile("Event \\d+: (\\w+) - user123\\n  Sequence: \\d{21,}\\n((?:  (?:Before|After): .*\\n)*)").matcher(output);
        while (m.find()) {
            String before = null, after = null;
            for (String line : m.group(2).split("\\n")) {
                if (line.startsWith("  Before: ")) before = line.substring(10);
                if (line.startsWith("  After:  ")) after = line.substring(10);
            }
            events.add(new Event(m.group(1), before, after));
        }
        return events;
    }

    @Test
    void the_modules_scripts_observe_what_the_module_says() throws Exception {
        RequiredTool.boto3();
        runner();
        try (TestServer server = TestServer.start()) {
            String out = handsOn(server).output();
            assertTrue(out.contains("✓ Table active with streams enabled"), out);
            assertTrue(out.contains("Stream ARN: arn:aws:dynamodb:us-east-1:000000000000:table/users-cdc-demo/stream/"), out);

            List<Event> events = events(out);
            assertEquals(List.of("INSERT", "MODIFY", "MODIFY", "REMOVE"), events.stream().map(Event::name).toList(), out);
            Event insert = events.get(0), email = events.get(1), status = events.get(2), remove = events.get(3);
            assertNull(insert.before(), "INSERT has only a NewImage");
            assertTrue(insert.after().contains("\"email\": \"alice@example.com\""));
            assertTrue(email.before().contains("\"email\": \"alice@example.com\""));
            assertTrue(email.after().contains("\"email\": \"alice.smith@example.com\""));
            assertTrue(status.before().contains("\"status\": \"active\""));
            assertTrue(status.after().contains("\"status\": \"inactive\""));
            assertNotNull(remove.before(), "REMOVE has an OldImage");
            assertNull(remove.after(), "REMOVE has no NewImage");

            String consumer = out.substring(out.indexOf("### cdc_consumer.py"));
            assertTrue(consumer.contains("Processing: INSERT - user123"));
            assertTrue(consumer.contains("Deleted user: user123"));
            assertTrue(consumer.contains("Current Search Index:\n============================================================\n  (empty)"), consumer);

            String second = handsOn(server, "live_update.py", "cdc_consumer.py").output();
            assertTrue(second.contains("Processing: INSERT - user456"), second);
            assertTrue(second.contains("Indexed user: user456"), second);
            assertTrue(second.contains("  user456: {\"name\": \"Bob Jones\", \"email\": \"bob@example.com\", \"status\": \"active\"}"), second);
        }
    }
}
