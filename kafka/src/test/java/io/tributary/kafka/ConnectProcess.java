package io.tributary.kafka;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Kafka Connect distributed worker in a JVM of its own, so a test can SIGKILL it. */
final class ConnectProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Process process;
    private final URI rest;

    private ConnectProcess(Process process, URI rest) {
        this.process = process;
        this.rest = rest;
    }

    static ConnectProcess start(String bootstrapServers, String group, Path dir) throws Exception {
        int port = KafkaBroker.freePort();
        Path props = dir.resolve("worker-" + port + ".properties");
        Files.writeString(props, String.join("\n",
                "bootstrap.servers=" + bootstrapServers, "group.id=" + group,
                "config.storage.topic=" + group + "-configs", "offset.storage.topic=" + group + "-offsets", "status.storage.topic=" + group + "-status",
                "config.storage.replication.factor=1", "offset.storage.replication.factor=1", "status.storage.replication.factor=1",
                "key.converter=org.apache.kafka.connect.json.JsonConverter", "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "offset.flush.interval.ms=200", "listeners=http://127.0.0.1:" + port, "plugin.discovery=service_load",
                "scheduled.rebalance.max.delay.ms=1000", ""));
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
        HttpRequest.Builder b = HttpRequest.newBuilder(rest.resolve(path)).header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
