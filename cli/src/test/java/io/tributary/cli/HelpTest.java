package io.tributary.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's --help ends with examples of itself. */
class HelpTest {
    @Test
    void every_command_shows_examples() {
        CommandLine root = new CommandLine(new Tributary());
        assertTrue(root.getSubcommands().size() >= 7);
        root.getSubcommands().forEach((name, command) -> {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new Tributary());
            cli.setOut(new PrintWriter(out, true));
            assertEquals(0, cli.execute(name, "--help"), name);
            String help = out.toString();
            assertTrue(help.contains("Examples:"), name + " --help has no examples:\n" + help);
            assertTrue(help.substring(help.indexOf("Examples:")).contains("tributary " + name), name + "'s examples do not use it:\n" + help);
        });
    }
}
