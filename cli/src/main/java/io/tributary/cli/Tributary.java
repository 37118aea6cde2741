package io.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tributary} command. */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "tributary 0.1.0",
        description = "A DynamoDB-compatible database whose every change is a stream record.",
        subcommands = {ServerCommand.class, DemoCommand.class, TailCommand.class, SyncCommand.class, BootstrapCommand.class, ReplayCommand.class,
                SearchCommand.class})
public final class Tributary implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Tributary()).execute(args));
    }
}
