package io.tributary.connect;

import io.tributary.server.ServerTest;
import io.tributary.server.testing.RequiredTool;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in Debian's headless Chromium, driven by playwright-core ({@code src/test/browser/console-test.mjs}):
 * a table with a stream made through the page, an item put, listed and edited through it, another client's INSERT
 * and MODIFY in the live feed within a second, and the shard view with a real consumer's positions (a sync worker
 * keeping its leases in a table). Screenshots go to {@code target/console-screenshots}; the README shows them.
 */
class ConsoleBrowserTest extends ServerTest {
    private static final Path SCRIPTS = Path.of("src/test/browser");
    private static final Path SHOTS = Path.of("target/console-screenshots");

    @Test
    void the_console_drives_a_table_through_its_items_feed_and_shards() throws Exception {
        String chromium = RequiredTool.chromium();
        String node = RequiredTool.nodeWithPackages(SCRIPTS, "playwright-core");
        Files.createDirectories(SHOTS);
        CollectingSink sink = new CollectingSink();
        // a consumer of the table the page creates, so the shard view has positions to show
        CompletableFuture<StreamWorker> consumer = CompletableFuture.supplyAsync(() -> {
            try {
                TableState.await(Duration.ofMinutes(1), () -> ddb.listTables().tableNames().contains("Orders"), "the page to create Orders");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new StreamWorker(ddb, streams, "Orders", sink, OnFailureDestination.discard(), SyncOptions.defaults("orders-search")).start();
        });
        ProcessBuilder run = new ProcessBuilder(node, "console-test.mjs", server.endpoint().toString(), SHOTS.toAbsolutePath().toString())
                .directory(SCRIPTS.toFile()).redirectErrorStream(true);
        run.environment().put("CHROMIUM", chromium);
        Process browser = run.start();
        String output;
        try {
            output = new String(browser.getInputStream().readAllBytes());
            assertTrue(browser.waitFor(3, TimeUnit.MINUTES), "the browser test ended");
            System.out.println(output);
            assertEquals(0, browser.exitValue(), "console-test.mjs failed:\n" + output);
            TableState.await(Duration.ofSeconds(30), () -> sink.received().size() >= 5, "the consumer to read the page's and the other client's changes");
        } finally {
            browser.destroyForcibly();
            consumer.get(1, TimeUnit.MINUTES).close();
        }
        for (String step : List.of("console loaded", "table created with a stream", "item put through the page is listed",
                "refusal shown as the API words it", "item edited through the page", "the page's own INSERT and MODIFY are in the feed",
                "another client's INSERT in the feed", "another client's MODIFY in the feed", "changed and added attributes highlighted",
                "pause holds changes back and resume shows them", "shard(s) shown with a consumer's positions", "no errors in the page")) {
            assertTrue(output.contains("ok: " + step), "step not reached: " + step + "\n" + output);
        }
        for (String shot : List.of("console-table.png", "console-item-editor.png", "console-live-feed.png", "console-shards.png")) {
            assertTrue(Files.size(SHOTS.resolve(shot)) > 10_000, shot + " written");
        }
    }
}
