package io.tributary.kafka;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.TreeMap;
import java.util.Map;

/** A real Kafka Connect worker in distributed mode, in this JVM, with its REST API on a free port. */
final class ConnectWorker implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Connect<?> connect;
    private final URI rest;

    private ConnectWorker(Connect<?> connect, URI rest) {
        this.connect = connect;
        this.rest = rest;
    }

    static ConnectWorker start(String bootstrapServers, String group) throws Exception {
        int port = KafkaBroker.freePort();
        Map<String, String> p = properties(bootstrapServers, group, port);
        Connect<?> connect = new ConnectDistributed().startConnect(p);
        return new ConnectWorker(connect, URI.create("http://127.0.0.1:" + port));
    }

    /** A worker's settings: JSON converters, offsets flushed every 200 ms, lost tasks reassigned after a second. */
    static Map<String, String> properties(String bootstrapServers, String group, int restPort) {
        Map<String, String> p = new TreeMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", group);
        p.put("config.storage.topic", group + "-configs");
        p.put("offset.storage.topic", group + "-offsets");
        p.put("status.storage.topic", group + "-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("offset.flush.interval.ms", "200");
        p.put("listeners", "http://127.0.0.1:" + restPort);
        p.put("plugin.discovery", "service_load");
        p.put("scheduled.rebalance.max.delay.ms", "1000");
        return p;
    }

    HttpResponse<String> call(String method, String path, String json) throws Exception {
        return call(rest, method, path, json);
    }

    /** A REST call to the worker at {@code rest}; its status and body. */
    static HttpResponse<String> call(URI rest, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(rest.resolve(path)).header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
