package io.tributary.kafka;

import io.tributary.connect.OnFailureDestination;
import io.tributary.connect.StreamWorker;
import io.tributary.connect.SyncOptions;
import io.tributary.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** `tributary sync`'s Kafka sink against a real KRaft broker: a plain consumer rebuilds the table, with and without transactions. */
class KafkaSinkTest {
    @TempDir
    static Path dir;
    private static TestServer tributary;
    private static DynamoDbClient ddb;
    private static DynamoDbStreamsClient streams;
    private static KafkaBroker kafka;

    @BeforeAll
    static void start() throws Exception {
        tributary = TestServer.start();
        ddb = tributary.client();
        streams = tributary.streamsClient();
        kafka = KafkaBroker.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) kafka.close();
        if (streams != null) streams.close();
        if (ddb != null) ddb.close();
        if (tributary != null) tributary.close();
    }

    private static void write(String table, int changes) {
        Random r = new Random(7);
        for (int i = 0; i < changes; i++) {
            String id = "k" + r.nextInt(300);
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(id));
            switch (r.nextInt(4)) {
                case 0, 1 -> ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(id),
                        "n", AttributeValue.fromN(Integer.toString(r.nextInt(1000))), "tags", AttributeValue.fromSs(List.of("a", "b" + r.nextInt(3))))));
                case 2 -> ddb.updateItem(b -> b.tableName(table).key(key).updateExpression("ADD visits :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                default -> ddb.deleteItem(b -> b.tableName(table).key(key));
            }
        }
    }

    private static void syncAndCheck(String table, String transactionalId) throws Exception {
        TestServer.createStreamTable(ddb, table, "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        KafkaSink sink = KafkaSink.open("kafka://" + kafka.bootstrapServers() + "/sync.${table}", false, transactionalId);
        SyncOptions options = SyncOptions.defaults(table + "-to-kafka").withCheckpointInterval(Duration.ofMillis(100));
        try (StreamWorker worker = new StreamWorker(ddb, streams, table, sink, OnFailureDestination.discard(), options).start()) {
            write(table, 3000);
            TopicCheck.assertRebuildsTable(ddb, kafka, table, "sync." + table, false);
        } finally {
            sink.close();
        }
    }

    @Test
    void sync_into_kafka_rebuilds_the_table() throws Exception {
        syncAndCheck("carts", null);
    }

    @Test
    void sync_into_kafka_with_transactions_rebuilds_the_table_from_committed_records() throws Exception {
        syncAndCheck("baskets", "tributary-sync-baskets");
    }
}
