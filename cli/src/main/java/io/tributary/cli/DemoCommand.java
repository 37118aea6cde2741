package io.tributary.cli;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.Sink;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.SyncOptions;
import io.tributary.connect.lucene.LuceneSearch;
import io.tributary.connect.lucene.LuceneSink;
import io.tributary.core.model.StreamSettings;
import io.tributary.server.HttpLimits;
import io.tributary.server.Security;
import io.tributary.server.ServerConfig;
import io.tributary.server.TributaryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tributary demo}: the course module's hands-on played in Java, step by step, against an embedded server (or a
 * running one): a table with a stream, an insert, two updates and a delete, the stream read back, then a real
 * Lucene index kept in sync by a stream worker while one more change arrives; what the module asks the reader to
 * observe is printed beside what happened. The console is then left open on the live feed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Play the change data capture hands-on step by step, then leave the console open on the live feed.",
        footer = {"", "Examples:",
                "  tributary demo                                  # embedded server on a free port, console left open",
                "  tributary demo --endpoint http://127.0.0.1:8000 # against a running server",
                "  tributary demo --no-console --pace-ms 0         # for scripts: play it through and exit"})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    LoggingOptions logging;

    @Option(names = "--endpoint", description = "A running server to use (default: start an embedded one on a free port).")
    URI endpoint;

    @Option(names = "--region", description = "Region to sign for (default: ${DEFAULT-VALUE}).")
    String region = "us-east-1";

    @Option(names = "--table", description = "The table to create (default: ${DEFAULT-VALUE}; a number is added if it exists).")
    String table = "users-cdc-demo";

    @Option(names = "--pace-ms", description = "Pause between the module's operations, as its script sleeps (default: ${DEFAULT-VALUE}).")
    long paceMs = 1000;

    @Option(names = "--console", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "At the end, print the console's address and wait until Ctrl-C (default: on; --no-console exits).")
    boolean console;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("tributary-demo");
        TributaryServer embedded = null;
        try {
            if (endpoint == null) {
                embedded = TributaryServer.start(new ServerConfig("127.0.0.1", 0, work.resolve("data"), true, 16,
                        ServerConfig.DEFAULT_EVENT_LOOPS, StreamSettings.DEFAULTS, ServerConfig.DEFAULT_TTL_SWEEP, HttpLimits.DEFAULTS,
                        Security.OPEN, true));
                endpoint = URI.create("http://127.0.0.1:" + embedded.port());
                say("Started an embedded Tributary at " + endpoint + " (data in " + work.resolve("data") + ")");
            }
            try (DynamoDbClient ddb = Clients.dynamoDb(endpoint, region); DynamoDbStreamsClient streams = Clients.streams(endpoint, region)) {
                play(ddb, streams, work);
            }
            String feed = endpoint + "/console/#" + table + "/feed";
            if (!console) return 0;
            say("");
            say("The console is open on the table's live feed: " + feed);
            say("Change an item from the console's Items tab, the AWS CLI or boto3 and watch the change arrive. Ctrl-C ends the demo.");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
            return 0;
        } finally {
            if (embedded != null) embedded.close();
            deleteRecursively(work);
        }
    }

    private void play(DynamoDbClient ddb, DynamoDbStreamsClient streams, Path work) throws Exception {
        table = freeName(ddb, table);
        step("Step 1: Create a table with a stream");
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("userId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("userId").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        ddb.waiter().waitUntilTableExists(b -> b.tableName(table));
        String arn = ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        say("✓ Table '" + table + "' active, stream view type NEW_AND_OLD_IMAGES (capture before & after)");
        say("Stream ARN: " + arn);

        step("Step 2: Make changes: every one becomes a stream record");
        say("1. INSERT user123");
        ddb.putItem(b -> b.tableName(table).item(Map.of("userId", s("user123"), "name", s("Alice Smith"),
                "email", s("alice@example.com"), "status", s("active"))));
        pace();
        say("2. UPDATE user123 (change email)");
        ddb.updateItem(b -> b.tableName(table).key(Map.of("userId", s("user123"))).updateExpression("SET email = :e")
                .expressionAttributeValues(Map.of(":e", s("alice.smith@example.com"))));
        pace();
        say("3. UPDATE user123 (change status)");
        ddb.updateItem(b -> b.tableName(table).key(Map.of("userId", s("user123"))).updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("inactive"))));
        pace();
        say("4. DELETE user123");
        ddb.deleteItem(b -> b.tableName(table).key(Map.of("userId", s("user123"))));

        step("Step 3: Read the change events from the stream");
        List<Record> records = readStream(streams, arn);
        int n = 1;
        for (Record r : records) {
            say("Event " + n++ + ": " + r.eventNameAsString() + " - " + r.dynamodb().keys().get("userId").s());
            say("  Sequence: " + r.dynamodb().sequenceNumber());
            if (r.dynamodb().hasOldImage()) say("  Before: " + plain(r.dynamodb().oldImage()));
            if (r.dynamodb().hasNewImage()) say("  After:  " + plain(r.dynamodb().newImage()));
        }
        say("");
        say("Observe:");
        observe("INSERT event: no OldImage, has NewImage", records.size() == 4 && !records.get(0).dynamodb().hasOldImage()
                && records.get(0).dynamodb().hasNewImage());
        observe("MODIFY events: both OldImage and NewImage (see what changed!)", records.size() == 4
                && records.subList(1, 3).stream().allMatch(r -> r.dynamodb().hasOldImage() && r.dynamodb().hasNewImage()));
        observe("REMOVE event: has OldImage, no NewImage", records.size() == 4 && records.get(3).dynamodb().hasOldImage()
                && !records.get(3).dynamodb().hasNewImage());
        say("This is CDC in action: every database change captured as an event, in order.");

        step("Step 4: Keep a search index in sync from the stream");
        Path index = work.resolve("users-index");
        say("A stream worker reads every shard from its oldest record into a Lucene index at " + index);
        Sink printing = new PrintingSink(new LuceneSink(index, Map.of()));
        SyncOptions options = SyncOptions.defaults(table + "-search").withCheckpointInterval(Duration.ofMillis(100));
        StreamWorker worker = new StreamWorker(ddb, streams, table, printing, OnFailureDestination.discard(), options).start();
        try {
            awaitCaughtUp(worker, Instant.now());
            step("Step 5: A live change while the worker runs");
            say("Another client adds user456 (Bob Jones)...");
            ddb.putItem(b -> b.tableName(table).item(Map.of("userId", s("user456"), "name", s("Bob Jones"),
                    "email", s("bob@example.com"), "status", s("active"))));
            awaitCaughtUp(worker, Instant.now());
            say("The worker picked up the new change without being run again.");
        } finally {
            worker.close();
            printing.close();
        }
        say("");
        say("Current search index:");
        List<LuceneSearch.Hit> all = LuceneSearch.search(index, "*:*", 100);
        for (LuceneSearch.Hit hit : all) say("  " + EventJson.MAPPER.writeValueAsString(EventJson.MAPPER.convertValue(hit.item(), TreeMap.class)));
        if (all.isEmpty()) say("  (empty)");
        List<LuceneSearch.Hit> bob = LuceneSearch.search(index, "bob", 10), alice = LuceneSearch.search(index, "alice", 10);
        say("Search 'bob': " + bob.size() + " hit(s); search 'alice': " + alice.size() + " hit(s)");
        say("Observe:");
        observe("CDC events processed: the index took every change", bob.size() == 1);
        observe("Final index reflects database state: Alice was deleted, so she is not found", alice.isEmpty() && all.size() == 1);
        observe("No dual writes needed: the application only wrote to the table", true);
        say("✓ Search index kept in sync with database via CDC!");
        out.flush();
    }

    private List<Record> readStream(DynamoDbStreamsClient streams, String arn) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String from = iterator;
                var page = streams.getRecords(b -> b.shardIterator(from));
                if (!page.records().isEmpty()) say("Reading from shard: " + shard.shardId());
                records.addAll(page.records());
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return records;
    }

    private void awaitCaughtUp(StreamWorker worker, Instant since) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!worker.caughtUp(since)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the stream worker did not catch up within a minute");
            Thread.sleep(50);
        }
    }

    /** The search sink, saying what it does as the module's consumer does. */
    private final class PrintingSink implements Sink {
        private final Sink index;

        PrintingSink(Sink index) {
            this.index = index;
        }

        @Override
        public void apply(List<ChangeEvent> changes) throws Exception {
            for (ChangeEvent e : changes) {
                say("Processing: " + e.eventName() + " - " + e.keyJson() + (e.newImage() == null ? "  → deleted from the index" : "  → indexed"));
            }
            index.apply(changes);
        }

        @Override
        public void flush() throws Exception {
            index.flush();
        }

        @Override
        public void close() throws Exception {
            index.close();
        }
    }

    private static String freeName(DynamoDbClient ddb, String wanted) {
        List<String> existing = ddb.listTables().tableNames();
        String name = wanted;
        for (int i = 2; existing.contains(name); i++) name = wanted + "-" + i;
        return name;
    }

    private static String plain(Map<String, AttributeValue> item) {
        Map<String, String> shown = new TreeMap<>();
        item.forEach((k, v) -> shown.put(k, v.s() != null ? v.s() : v.n() != null ? v.n() : v.toString()));
        return shown.toString();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private void step(String title) {
        say("");
        say("=".repeat(70));
        say(title);
        say("=".repeat(70));
    }

    private void observe(String what, boolean seen) {
        say("  " + (seen ? "✓ " : "✗ NOT SEEN: ") + what);
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private void pace() throws InterruptedException {
        if (paceMs > 0) Thread.sleep(paceMs);
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
