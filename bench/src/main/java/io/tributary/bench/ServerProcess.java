package io.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server under test in its own process: how long it took to answer its first request, and its resident memory.
 * Its data directory is deleted when it stops: a complete run starts about fifty servers and left gigabytes behind.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path dataDir;
    final URI endpoint;
    final double startupMillis;

    private ServerProcess(List<String> command, Path dataDir, int port, Path log) throws IOException, InterruptedException {
        this.dataDir = dataDir;
        long started = System.nanoTime();
        // DynamoDB Local leaves a metadata file in its working directory: keep it with the run's other files.
        process = new ProcessBuilder(command).directory(log.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            waitUntilAnswering(started);
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        startupMillis = (System.nanoTime() - started) / 1e6;
    }

    /** Tributary through its launcher (its JVM settings included), on a fresh data directory. */
    static ServerProcess tributary(Path launcher, Path dataDir, int port, boolean durable, Path log, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "server", "--port", Integer.toString(port),
                "--data-dir", dataDir.toString(), "--durability", durable ? "sync" : "async"));
        command.addAll(List.of(extraArgs));
        return new ServerProcess(command, dataDir, port, log);
    }

    /** DynamoDB Local from the jars bench/dynamodb-local gathers, in memory or on disk, one database for every client. */
    static ServerProcess dynamoDbLocal(Path libDir, Path dataDir, int port, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-Djava.library.path=" + libDir, "-cp", libDir + "/*",
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner", "-port", Integer.toString(port), "-sharedDb"));
        if (dataDir == null) {
            command.add("-inMemory");
        } else {
            Files.createDirectories(dataDir);
            command.addAll(List.of("-dbPath", dataDir.toString()));
        }
        return new ServerProcess(command, dataDir, port, log);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void waitUntilAnswering(long started) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=benchAccessKey/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        while (System.nanoTime() - started < 120_000_000_000L) {
            if (!process.isAlive()) throw new IOException("server exited with " + process.exitValue());
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IOException("server did not answer within two minutes");
    }

    /** Resident set size in MB, from /proc. */
    double rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (dataDir != null) deleteRecursively(dataDir);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
