package io.tributary.cli;

import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** --durability=async serves the same API, and a process crash (not a machine crash) loses nothing RocksDB accepted. */
class AsyncDurabilityTest {
    @Test
    void async_mode_serves_and_survives_a_process_kill() throws Exception {
        Path data = Files.createTempDirectory("tributary-async");
        try {
            try (ServerProcess server = ServerProcess.start(data, "--durability=async");
                 DynamoDbClient ddb = TestServer.client(server.endpoint(), "us-east-1")) {
                TestServer.createHashTable(ddb, "fast", "id");
                for (int i = 0; i < 100; i++) {
                    int n = i;
                    ddb.putItem(b -> b.tableName("fast").item(Map.of("id", AttributeValue.builder().s("k" + n).build())));
                }
                server.kill();
            }
            try (ServerProcess server = ServerProcess.start(data);
                 DynamoDbClient ddb = TestServer.client(server.endpoint(), "us-east-1")) {
                assertEquals(100L, ddb.describeTable(b -> b.tableName("fast")).table().itemCount());
            }
        } finally {
            TestServer.deleteRecursively(data);
        }
    }
}
