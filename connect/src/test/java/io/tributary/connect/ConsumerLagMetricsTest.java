package io.tributary.connect;

import io.tributary.server.ServerTest;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /metrics tells how far behind a consumer that keeps leases in a table is: its lag rises while it is stuck and falls as it catches up. */
class ConsumerLagMetricsTest extends ServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LABELS = "consumer=\"lagging-sync\",table=\"lagging\"";

    /** Takes changes only once let through. */
    private static final class HeldSink implements Sink {
        final CountDownLatch open = new CountDownLatch(1);

        @Override
        public void apply(List<ChangeEvent> changes) throws InterruptedException {
            open.await();
        }
    }

    private static String scrape() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** The sample's value, or -1 when there is none. */
    private static double value(String text, String metric, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(labels == null ? metric : metric + "{" + labels + "}") + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void consumer_lag_rises_while_it_is_stuck_and_falls_when_it_catches_up() throws Exception {
        TestServer.createStreamTable(ddb, "lagging", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        double writtenBefore = value(scrape(), "tributary_stream_records_written_total", null);
        double readBefore = value(scrape(), "tributary_stream_records_read_total", null);
        HeldSink sink = new HeldSink();
        SyncOptions options = SyncOptions.defaults("lagging-sync").withCheckpointInterval(Duration.ofMillis(100));
        try (StreamWorker worker = new StreamWorker(ddb, streams, "lagging", sink, OnFailureDestination.discard(), options).start()) {
            for (int i = 0; i < 30; i++) {
                String k = "k" + i;
                ddb.putItem(b -> b.tableName("lagging").item(Map.of("pk", AttributeValue.fromS(k))));
            }
            TableState.await(Duration.ofSeconds(20), () -> {
                try {
                    return value(scrape(), "tributary_stream_consumer_records_behind", LABELS) == 30;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "the stuck consumer to be 30 records behind");
            String stuck = scrape();
            double ageThen = value(stuck, "tributary_stream_consumer_iterator_age_seconds", LABELS);
            assertTrue(ageThen >= 0, "iterator age reported:\n" + stuck);
            assertEquals(30, value(stuck, "tributary_stream_records_written_total", null) - writtenBefore);
            Thread.sleep(1500);
            double ageLater = value(scrape(), "tributary_stream_consumer_iterator_age_seconds", LABELS);
            assertTrue(ageLater >= ageThen + 1, "iterator age rises while the consumer is stuck: " + ageThen + " then " + ageLater);

            sink.open.countDown();
            TableState.await(Duration.ofSeconds(20), () -> {
                try {
                    String text = scrape();
                    return value(text, "tributary_stream_consumer_records_behind", LABELS) == 0
                            && value(text, "tributary_stream_consumer_iterator_age_seconds", LABELS) == 0;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "the consumer's lag to fall to nothing once it catches up");
            assertTrue(value(scrape(), "tributary_stream_records_read_total", null) - readBefore >= 30, "the worker's reads counted");
        }
    }
}
