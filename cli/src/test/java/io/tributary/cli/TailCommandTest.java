package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.model.StreamSettings;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class TailCommandTest {
    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static void createTable(DynamoDbClient ddb) {
        ddb.createTable(b -> b.tableName("tailed")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    static void changes(DynamoDbClient ddb) {
        ddb.putItem(b -> b.tableName("tailed").item(Map.of("id", s("u1"), "email", s("a@x"), "status", s("active"))));
        ddb.updateItem(b -> b.tableName("tailed").key(Map.of("id", s("u1"))).updateExpression("SET email = :e REMOVE #s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":e", s("b@x"))));
        ddb.deleteItem(b -> b.tableName("tailed").key(Map.of("id", s("u1"))));
    }

    static CompletableFuture<Integer> tail(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new Tributary());
        cli.setOut(new PrintWriter(out, true));
        return CompletableFuture.supplyAsync(() -> cli.execute(args));
    }

    @Test
    void tail_from_trim_horizon_prints_what_changed() throws Exception {
        try (TestServer server = TestServer.start(); DynamoDbClient ddb = server.client()) {
            createTable(ddb);
            changes(ddb);
            StringWriter out = new StringWriter();
            int exit = tail(out, "tail", "tailed", "--endpoint", server.endpoint().toString(), "--from", "trim-horizon",
                    "--max-events", "3").get(30, TimeUnit.SECONDS);
            assertEquals(0, exit, out.toString());
            List<String> lines = out.toString().lines().toList();
            assertEquals(3, lines.size(), out.toString());
            assertTrue(lines.get(0).startsWith("INSERT") && lines.get(0).contains("{id=\"u1\"}") && lines.get(0).contains("email=\"a@x\""), lines.get(0));
            assertTrue(lines.get(1).startsWith("MODIFY") && lines.get(1).contains("email: \"a@x\" -> \"b@x\"") && lines.get(1).contains("-status"), lines.get(1));
            assertTrue(lines.get(2).startsWith("REMOVE") && lines.get(2).contains("{id=\"u1\"}"), lines.get(2));
        }
    }

    @Test
    void tail_from_latest_follows_live_changes_as_json_across_new_shards() throws Exception {
        StreamSettings fastRollover = new StreamSettings(2, Duration.ofMillis(300), Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofMinutes(15));
        try (TestServer server = TestServer.start(fastRollover); DynamoDbClient ddb = server.client()) {
            createTable(ddb);
            ddb.putItem(b -> b.tableName("tailed").item(Map.of("id", s("before-tail"))));
            StringWriter out = new StringWriter();
            CompletableFuture<Integer> running = tail(out, "tail", "tailed", "--endpoint", server.endpoint().toString(),
                    "--json", "--max-events", "4", "--poll-interval-ms", "50");
            Thread.sleep(500);
            changes(ddb);
            Thread.sleep(700);
            ddb.putItem(b -> b.tableName("tailed").item(Map.of("id", s("after-rollover"))));
            assertEquals(0, running.get(30, TimeUnit.SECONDS), out.toString());
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> events = out.toString().lines().map(l -> {
                try {
                    return json.readTree(l);
                } catch (Exception e) {
                    throw new AssertionError(l, e);
                }
            }).toList();
            assertEquals(List.of("INSERT", "MODIFY", "REMOVE", "INSERT"), events.stream().map(e -> e.get("eventName").asText()).toList());
            assertEquals("u1", events.get(0).at("/keys/id/S").asText());
            assertEquals("b@x", events.get(1).at("/newImage/email/S").asText());
            assertEquals("a@x", events.get(1).at("/oldImage/email/S").asText());
            assertEquals("after-rollover", events.get(3).at("/keys/id/S").asText());
        }
    }
}
