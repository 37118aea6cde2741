package io.tributary.server;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** {@code GET /metrics} in Prometheus' text format: counters and histograms move as requests are made. */
class MetricsTest extends ServerTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static String scrape() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    /** The value of the first sample of {@code metric} with exactly these labels, or 0 when there is none yet. */
    static double value(String text, String metric, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric + "{" + labels + "}") + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void requests_are_counted_by_action_and_outcome_with_latency_histograms() throws Exception {
        table("metered");
        double putsBefore = value(scrape(), "tributary_requests_seconds_count", "action=\"PutItem\",outcome=\"success\"");
        for (int i = 0; i < 5; i++) {
            int n = i;
            ddb.putItem(b -> b.tableName("metered").item(item("pk", s("k" + n), "v", s("x".repeat(100)))));
        }
        assertAwsError("ResourceNotFoundException", null, () -> ddb.getItem(b -> b.tableName("missing").key(item("pk", s("a")))));
        String text = scrape();
        assertEquals(putsBefore + 5, value(text, "tributary_requests_seconds_count", "action=\"PutItem\",outcome=\"success\""));
        assertEquals(1, value(text, "tributary_requests_seconds_count", "action=\"GetItem\",outcome=\"client_error\""));
        assertTrue(value(text, "tributary_requests_seconds_sum", "action=\"PutItem\",outcome=\"success\"") > 0);
        assertTrue(value(text, "tributary_requests_seconds_bucket", "action=\"PutItem\",outcome=\"success\",le=\"+Inf\"") >= 5,
                "a latency histogram");
        assertEquals(5, value(text, "tributary_table_items", "table=\"metered\""));
        assertTrue(value(text, "tributary_table_bytes", "table=\"metered\"") > 500);
        assertTrue(text.contains("tributary_rocksdb_memtable_bytes "), "RocksDB's memtables");
        assertTrue(text.contains("tributary_rocksdb_pending_compaction_bytes "), "RocksDB's pending compaction");
        assertTrue(text.contains("tributary_rocksdb_write_stopped "), "RocksDB's write stalls");
    }

    @Test
    void made_up_targets_are_counted_as_unknown_not_as_new_actions() throws Exception {
        for (int i = 0; i < 3; i++) raw("Made" + i + "Up", "{}");
        String text = scrape();
        assertFalse(text.contains("Made0Up"), "no label per made-up target");
        assertTrue(value(text, "tributary_requests_seconds_count", "action=\"unknown\",outcome=\"client_error\"") >= 3);
    }
}
