package io.tributary.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A real `tributary sync` in its own JVM, so a test can SIGKILL it; its output goes to a log file. */
final class SyncProcess implements AutoCloseable {
    private final Process process;

    private SyncProcess(Process process) {
        this.process = process;
    }

    static SyncProcess start(Path log, String... args) throws Exception {
        return command(log, "sync", "syncing ", args);
    }

    /** Any long-running subcommand; started once it prints a line beginning with {@code ready}. */
    static SyncProcess command(Path log, String subcommand, String ready, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Tributary.class.getName(), subcommand));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    if (line.startsWith(ready)) started.complete(null);
                }
                started.completeExceptionally(new IllegalStateException(subcommand + " exited before starting; see " + log));
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
        });
        drain.setDaemon(true);
        drain.start();
        started.get(60, TimeUnit.SECONDS);
        return new SyncProcess(p);
    }

    /** Waits for the process to end by itself; its exit status. */
    int waitForExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) throw new IllegalStateException("still running after " + seconds + " s");
        return process.exitValue();
    }

    /** SIGKILL: nothing is flushed, checkpointed or released. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the worker checkpoints, releases its leases and commits the index. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) kill();
    }
}
