package io.tributary.kafka;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Kafka Connect distributed worker in a JVM of its own, so a test can SIGKILL it. */
final class ConnectProcess implements AutoCloseable {
    private final Process process;
    private final URI rest;

    private ConnectProcess(Process process, URI rest) {
        this.process = process;
        this.rest = rest;
    }

    static ConnectProcess start(String bootstrapServers, String group, Path dir) throws Exception {
        int port = KafkaBroker.freePort();
        Path props = dir.resolve("worker-" + port + ".properties");
        StringBuilder text = new StringBuilder();
        ConnectWorker.properties(bootstrapServers, group, port).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(props, text);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.connect.cli.ConnectDistributed", props.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker-" + port + ".log").toFile()).start();
        ConnectProcess worker = new ConnectProcess(p, URI.create("http://127.0.0.1:" + port));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (worker.call("GET", "/connectors", null).statusCode() == 200) return worker;
            } catch (java.io.IOException notYet) {
                // the REST server is not listening yet
            }
            if (!p.isAlive() || System.nanoTime() > deadline) throw new IllegalStateException("the Connect worker did not start; see its log in " + dir);
            Thread.sleep(200);
        }
    }

    HttpResponse<String> call(String method, String path, String json) throws Exception {
        return ConnectWorker.call(rest, method, path, json);
    }

    /** SIGKILL: no offset flush, no leaving the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
    }
}
