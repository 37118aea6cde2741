package io.tributary.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tributary demo --no-console` plays the module's hands-on against an embedded server and says what to observe. */
class DemoCommandTest {
    @Test
    void the_demo_plays_the_hands_on_and_every_observation_holds() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Tributary());
        cli.setOut(new PrintWriter(out, true));
        int status = cli.execute("demo", "--no-console", "--pace-ms", "0");
        String text = out.toString();
        assertEquals(0, status, text);
        String[] inOrder = {
                "Started an embedded Tributary at http://127.0.0.1:",
                "Step 1: Create a table with a stream", "✓ Table 'users-cdc-demo' active",
                "Step 2: Make changes", "1. INSERT user123", "4. DELETE user123",
                "Step 3: Read the change events from the stream",
                "Event 1: INSERT - user123", "Event 2: MODIFY - user123", "Event 3: MODIFY - user123", "Event 4: REMOVE - user123",
                "✓ INSERT event: no OldImage, has NewImage", "✓ MODIFY events: both OldImage and NewImage",
                "✓ REMOVE event: has OldImage, no NewImage",
                "Step 4: Keep a search index in sync from the stream", "Processing: REMOVE - {\"userId\":\"user123\"}  → deleted from the index",
                "Step 5: A live change while the worker runs", "Processing: INSERT - {\"userId\":\"user456\"}  → indexed",
                "{\"email\":\"bob@example.com\",\"name\":\"Bob Jones\",\"status\":\"active\",\"userId\":\"user456\"}",
                "Search 'bob': 1 hit(s); search 'alice': 0 hit(s)",
                "✓ Final index reflects database state", "✓ Search index kept in sync with database via CDC!"};
        int at = 0;
        for (String line : inOrder) {
            int found = text.indexOf(line, at);
            assertTrue(found >= 0, "missing, or out of order: " + line + "\n" + text);
            at = found + line.length();
        }
        assertFalse(text.contains("NOT SEEN"), text);
        assertTrue(text.contains("  After:  {email=alice@example.com, name=Alice Smith, status=active, userId=user123}"), text);
        assertTrue(text.contains("  Before: {email=alice.smith@example.com, name=Alice Smith, status=inactive, userId=user123}"), text);
        assertFalse(text.contains("The console is open"), "--no-console exits without waiting");
    }
}
