package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.server.TestServer;
import io.tributary.server.testing.RequiredTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The AWS CLI (`aws dynamodb ... --endpoint-url`) against the real server. */
class AwsCliTest {
    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        RequiredTool.awsCli();
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static ExternalCommand aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "dynamodb"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", server.endpoint().toString(), "--output", "json"));
        return ExternalCommand.run(command, ExternalCommand.awsEnvironment());
    }

    static JsonNode ok(ExternalCommand r) throws Exception {
        assertEquals(0, r.exitCode(), r.output());
        return r.output().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.output());
    }

    @Test
    void cli_smoke() throws Exception {
        JsonNode created = ok(aws("create-table", "--table-name", "clitable",
                "--attribute-definitions", "AttributeName=id,AttributeType=S",
                "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST"));
        assertEquals("ACTIVE", created.at("/TableDescription/TableStatus").asText());
        ok(aws("wait", "table-exists", "--table-name", "clitable"));
        assertTrue(ok(aws("list-tables")).get("TableNames").toString().contains("clitable"));

        ok(aws("put-item", "--table-name", "clitable", "--item", "{\"id\":{\"S\":\"one\"},\"n\":{\"N\":\"1\"}}"));
        JsonNode updated = ok(aws("update-item", "--table-name", "clitable", "--key", "{\"id\":{\"S\":\"one\"}}",
                "--update-expression", "SET n = n + :inc", "--expression-attribute-values", "{\":inc\":{\"N\":\"41\"}}",
                "--return-values", "ALL_NEW"));
        assertEquals("42", updated.at("/Attributes/n/N").asText());
        assertEquals("42", ok(aws("get-item", "--table-name", "clitable", "--key", "{\"id\":{\"S\":\"one\"}}")).at("/Item/n/N").asText());

        ExternalCommand failed = aws("put-item", "--table-name", "clitable", "--item", "{\"id\":{\"S\":\"one\"}}",
                "--condition-expression", "attribute_not_exists(id)");
        assertNotEquals(0, failed.exitCode());
        assertTrue(failed.output().contains("ConditionalCheckFailedException"), failed.output());

        ok(aws("delete-item", "--table-name", "clitable", "--key", "{\"id\":{\"S\":\"one\"}}"));
        assertFalse(ok(aws("get-item", "--table-name", "clitable", "--key", "{\"id\":{\"S\":\"one\"}}")).has("Item"));
        assertEquals(0, ok(aws("describe-table", "--table-name", "clitable")).at("/Table/ItemCount").asInt());
        ok(aws("delete-table", "--table-name", "clitable"));
        ok(aws("wait", "table-not-exists", "--table-name", "clitable"));
    }
}
