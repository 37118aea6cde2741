package io.tributary.connect.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connect.EventJson;
import io.tributary.connect.JsonLinesDeadLetters;
import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.SyncOptions;
import io.tributary.server.ServerTest;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The function sink against handler processes that record what they were given. */
class FunctionSinkTest extends ServerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static List<JsonNode> records(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            EventJson.MAPPER.readTree(line).get("Records").forEach(out::add);
        }
        return out;
    }

    private static Set<String> fields(JsonNode o) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > end) fail("timed out waiting for " + what);
            Thread.sleep(25);
        }
    }

    @Test
    void an_http_function_gets_lambdas_event_and_its_batch_item_failures_are_dead_lettered(@TempDir Path dir) throws Exception {
        String arn = TestServer.createStreamTable(ddb, "triggers", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        Path recorded = dir.resolve("events.jsonl");
        Path handler = Path.of(getClass().getResource("/recording_handler.py").toURI());
        Process function = new ProcessBuilder("python3", handler.toString(), recorded.toString()).redirectErrorStream(true).start();
        try {
            int port = Integer.parseInt(new BufferedReader(new InputStreamReader(function.getInputStream(), StandardCharsets.UTF_8)).readLine().trim());
            URI url = URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations");
            Path dead = dir.resolve("dead.jsonl");
            try (JsonLinesDeadLetters dlq = new JsonLinesDeadLetters(dead);
                 StreamWorker w = new StreamWorker(ddb, streams, "triggers", FunctionSink.http(url, Duration.ofSeconds(10)), dlq,
                         SyncOptions.defaults("triggers-fn").withRetries(2, true).withRetryDelays(Duration.ofMillis(5), Duration.ofMillis(20))
                                 .withMaxBatchingWindow(Duration.ofMillis(200))).start()) {
                ddb.putItem(b -> b.tableName("triggers").item(Map.of("pk", AttributeValue.fromS("alice"), "n", AttributeValue.fromN("1"),
                        "tags", AttributeValue.fromSs(List.of("x")))));
                ddb.updateItem(b -> b.tableName("triggers").key(Map.of("pk", AttributeValue.fromS("alice")))
                        .updateExpression("SET n = :two").expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2"))));
                ddb.putItem(b -> b.tableName("triggers").item(Map.of("pk", AttributeValue.fromS("poison"))));
                ddb.deleteItem(b -> b.tableName("triggers").key(Map.of("pk", AttributeValue.fromS("alice"))));
                await(() -> w.stats().deadLettered() == 1 && w.stats().applied() == 3, "three records applied and the poison one dead-lettered");
            }
            List<String> deadLines = Files.readAllLines(dead);
            assertEquals(1, deadLines.size());
            assertEquals("poison", EventJson.MAPPER.readTree(deadLines.get(0)).get("event").get("keys").get("pk").get("S").asText());

            List<JsonNode> given = records(recorded);
            JsonNode insert = given.stream().filter(r -> r.get("eventName").asText().equals("INSERT")
                    && r.get("dynamodb").get("Keys").get("pk").get("S").asText().equals("alice")).findFirst().orElseThrow();
            assertEquals(Set.of("eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb", "eventSourceARN"), fields(insert));
            assertEquals("1.1", insert.get("eventVersion").asText());
            assertEquals("aws:dynamodb", insert.get("eventSource").asText());
            assertEquals("us-east-1", insert.get("awsRegion").asText());
            assertEquals(arn, insert.get("eventSourceARN").asText());
            assertFalse(insert.get("eventID").asText().isEmpty());
            JsonNode d = insert.get("dynamodb");
            assertEquals(Set.of("ApproximateCreationDateTime", "Keys", "NewImage", "SequenceNumber", "SizeBytes", "StreamViewType"), fields(d));
            assertTrue(d.get("ApproximateCreationDateTime").isNumber());
            assertEquals("{\"pk\":{\"S\":\"alice\"}}", d.get("Keys").toString());
            assertEquals("1", d.get("NewImage").get("n").get("N").asText());
            assertEquals("[\"x\"]", d.get("NewImage").get("tags").get("SS").toString());
            assertTrue(d.get("SequenceNumber").isTextual());
            assertTrue(d.get("SizeBytes").isIntegralNumber() && d.get("SizeBytes").asInt() > 0);
            assertEquals("NEW_AND_OLD_IMAGES", d.get("StreamViewType").asText());

            JsonNode modify = given.stream().filter(r -> r.get("eventName").asText().equals("MODIFY")).findFirst().orElseThrow();
            assertEquals("1", modify.get("dynamodb").get("OldImage").get("n").get("N").asText());
            assertEquals("2", modify.get("dynamodb").get("NewImage").get("n").get("N").asText());
            JsonNode remove = given.stream().filter(r -> r.get("eventName").asText().equals("REMOVE")).findFirst().orElseThrow();
            assertTrue(remove.get("dynamodb").has("OldImage"));
            assertFalse(remove.get("dynamodb").has("NewImage"));
        } finally {
            function.destroy();
        }
    }

    @Test
    void a_command_reads_the_event_on_standard_input(@TempDir Path dir) throws Exception {
        TestServer.createStreamTable(ddb, "commands", "pk", StreamViewType.NEW_IMAGE);
        Path recorded = dir.resolve("stdin.jsonl");
        List<String> command = List.of("python3", "-c",
                "import sys; e = sys.stdin.read(); open(sys.argv[1], 'a').write(e.strip() + '\\n'); print('{}')", recorded.toString());
        try (StreamWorker w = new StreamWorker(ddb, streams, "commands", FunctionSink.command(command, Duration.ofSeconds(20)),
                OnFailureDestination.discard(), SyncOptions.defaults("commands-fn")).start()) {
            ddb.putItem(b -> b.tableName("commands").item(Map.of("pk", AttributeValue.fromS("bob"))));
            await(() -> records(recorded).size() == 1, "one invocation");
        }
        JsonNode r = records(recorded).get(0);
        assertEquals("INSERT", r.get("eventName").asText());
        assertEquals("NEW_IMAGE", r.get("dynamodb").get("StreamViewType").asText());
    }

    @Test
    void a_failing_command_is_retried_then_dead_lettered() throws Exception {
        TestServer.createStreamTable(ddb, "failing", "pk", StreamViewType.NEW_IMAGE);
        List<String> failed = new ArrayList<>();
        OnFailureDestination collect = (change, failure) -> failed.add(change.keys().get("pk") + ": " + failure.getMessage());
        try (StreamWorker w = new StreamWorker(ddb, streams, "failing", FunctionSink.command(List.of("false"), Duration.ofSeconds(20)),
                collect, SyncOptions.defaults("failing-fn").withRetries(1, true).withRetryDelays(Duration.ofMillis(1), Duration.ofMillis(5))).start()) {
            ddb.putItem(b -> b.tableName("failing").item(Map.of("pk", AttributeValue.fromS("c"))));
            await(() -> w.stats().deadLettered() == 1, "the record dead-lettered");
            assertEquals(1, w.stats().retries());
        }
        assertEquals(List.of("c: the function exited with 1"), failed);
    }
}
