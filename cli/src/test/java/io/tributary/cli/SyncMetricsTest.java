package io.tributary.cli;

import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tributary sync --metrics-port` serves the worker's own metrics: changes read and applied per destination, shards owned, lag. */
class SyncMetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static double value(String text, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void sync_counts_what_each_destination_applied(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (TestServer server = TestServer.start(); DynamoDbClient ddb = server.client()) {
            TestServer.createStreamTable(ddb, "metered", "id", StreamViewType.NEW_AND_OLD_IMAGES);
            String lucene = "lucene:" + dir.resolve("index"), archive = "archive:" + dir.resolve("archive");
            try (SyncProcess sync = SyncProcess.start(dir.resolve("sync.log"), "--endpoint", server.endpoint().toString(), "--table", "metered",
                    "--to", lucene, "--to", archive, "--checkpoint-ms", "100", "--metrics-port", Integer.toString(port))) {
                for (int i = 0; i < 50; i++) {
                    String id = "i" + i;
                    ddb.putItem(b -> b.tableName("metered").item(Map.of("id", AttributeValue.fromS(id), "n", AttributeValue.fromN("1"))));
                }
                URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
                String text = "";
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (System.nanoTime() < deadline) {
                    text = HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
                    if (value(text, "tributary_sync_changes_applied_total{sink=\"" + lucene + "\"}") == 50
                            && value(text, "tributary_sync_changes_applied_total{sink=\"" + archive + "\"}") == 50) break;
                    Thread.sleep(200);
                }
                assertEquals(50, value(text, "tributary_sync_changes_applied_total{sink=\"" + lucene + "\"}"), text);
                assertEquals(50, value(text, "tributary_sync_changes_applied_total{sink=\"" + archive + "\"}"), text);
                assertEquals(50, value(text, "tributary_sync_changes_read_total"), text);
                assertEquals(0, value(text, "tributary_sync_dead_lettered_total"), text);
                assertEquals(0, value(text, "tributary_sync_retries_total"), text);
                assertEquals(4, value(text, "tributary_sync_owned_shards"), text);
                assertTrue(text.contains("# TYPE tributary_sync_lag_seconds gauge"), text);
            }
        }
    }
}
