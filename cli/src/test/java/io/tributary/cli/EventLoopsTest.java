package io.tributary.cli;

import io.tributary.server.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** --event-loops sets the network threads; one loop still serves many connections writing at once. */
class EventLoopsTest {
    @Test
    void one_event_loop_serves_concurrent_durable_writers() throws Exception {
        Path data = Files.createTempDirectory("tributary-loops");
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try (ServerProcess server = ServerProcess.start(data, "--event-loops=1");
             DynamoDbClient ddb = TestServer.client(server.endpoint(), "us-east-1")) {
            TestServer.createHashTable(ddb, "loops", "id");
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(clients.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String id = writer + "-" + i;
                        ddb.putItem(b -> b.tableName("loops").item(Map.of("id", AttributeValue.builder().s(id).build())));
                    }
                }));
            }
            for (Future<?> f : writers) f.get();
            assertEquals(200, ddb.scan(b -> b.tableName("loops")).count());
        } finally {
            clients.shutdownNow();
            TestServer.deleteRecursively(data);
        }
    }
}
