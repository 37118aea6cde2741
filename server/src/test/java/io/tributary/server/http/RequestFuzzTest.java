package io.tributary.server.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.StreamSettings;
import io.tributary.core.storage.Database;
import io.tributary.server.TestServer;
import io.tributary.server.api.Action;
import io.tributary.server.api.Request;
import io.tributary.server.api.RequestContext;
import io.tributary.server.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every action with any request body, against a real database holding a table with a sort key, an index and
 * a stream: each answers, or refuses with an AWS error ({@link TributaryException}); none reaches an
 * unchecked exception, which the server would have to answer as a 500. The first byte picks the action, the
 * rest is the body as sent.
 */
class RequestFuzzTest {
    static Path data;
    static Database db;
    static Router router;
    static List<String> targets;

    @BeforeAll
    static void open() throws Exception {
        data = Files.createTempDirectory("tributary-fuzz");
        db = Database.open(data, false, StreamSettings.DEFAULTS);
        router = new Router(db);
        targets = router.targets().stream().filter(t -> !t.endsWith(".DeleteTable")).toList();
        call("DynamoDB_20120810.CreateTable", """
                {"TableName":"fuzz","BillingMode":"PAY_PER_REQUEST",
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
                                         {"AttributeName":"g","AttributeType":"S"}],
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
                                            "Projection":{"ProjectionType":"ALL"}}],
                 "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}""");
        call("DynamoDB_20120810.PutItem", """
                {"TableName":"fuzz","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"x"},"m":{"M":{"l":{"L":[{"N":"1"}]}}}}}""");
    }

    @AfterAll
    static void close() {
        db.close();
        TestServer.deleteRecursively(data);
    }

    static ObjectNode call(String target, String body) {
        Action action = router.find(target);
        RequestContext context = new RequestContext("us-east-1", "AKIDFUZZ", "fuzz", "localhost", null);
        return action.handle(new Request(Json.parseRequest(body.getBytes(StandardCharsets.UTF_8)), context));
    }

    @FuzzTest(maxDuration = "40s")
    void every_action_answers_or_refuses_any_body(byte[] input) {
        if (input.length == 0) return;
        String target = targets.get((input[0] & 0xFF) % targets.size());
        byte[] body = java.util.Arrays.copyOfRange(input, 1, input.length);
        try {
            ObjectNode answer = router.find(target).handle(new Request(Json.parseRequest(body),
                    new RequestContext("us-east-1", "AKIDFUZZ", "fuzz", "localhost", null)));
            if (answer != null) Json.write(answer, new ByteArrayOutputStream());
        } catch (TributaryException refused) {
            // an AWS error, answered as AWS would
        }
    }
}
