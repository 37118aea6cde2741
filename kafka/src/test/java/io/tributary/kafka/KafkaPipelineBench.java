package io.tributary.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.server.TestServer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Change-to-consumer latency and throughput through the source connector: Tributary, a KRaft broker and a Connect
 * worker in this JVM (`kafka/bench.sh`). Latency: puts at a steady rate, each carrying its write time, timed to the
 * moment a KafkaConsumer reads its envelope. Throughput: a backlog written with the connector stopped, then the
 * time from the connector's creation until the consumer has read every change.
 */
public final class KafkaPipelineBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int backlog = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int tasks = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        Path dir = Files.createTempDirectory("kafka-bench");
        try (TestServer tributary = TestServer.start(); DynamoDbClient ddb = tributary.client();
             KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"));
             ConnectWorker worker = ConnectWorker.start(kafka.bootstrapServers(), "bench-connect")) {
            latency(tributary, ddb, kafka, worker, rate, seconds, tasks);
            throughput(tributary, ddb, kafka, worker, backlog, tasks);
        }
    }

    private static void connector(TestServer tributary, ConnectWorker worker, String table, int tasks) throws Exception {
        Map<String, String> config = new TreeMap<>(Map.of("connector.class", StreamSourceConnector.class.getName(), "tasks.max", Integer.toString(tasks),
                "table", table, "dynamodb.endpoint", tributary.endpoint().toString(), "aws.access.key.id", "bench", "aws.secret.access.key", "bench",
                "poll.idle.ms", "100", "value.converter", "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable", "false",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter"));
        var r = worker.call("PUT", "/connectors/" + table + "-source/config", JSON.writeValueAsString(config));
        if (r.statusCode() >= 300) throw new IllegalStateException(r.body());
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker kafka, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
        c.subscribe(List.of(topic));
        return c;
    }

    private static void latency(TestServer tributary, DynamoDbClient ddb, KafkaBroker kafka, ConnectWorker worker, int rate, int seconds, int tasks) throws Exception {
        TestServer.createStreamTable(ddb, "latency", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        connector(tributary, worker, "latency", tasks);
        Histogram micros = new Histogram(60_000_000L, 3);
        int total = rate * seconds, warm = rate * 2;
        try (KafkaConsumer<String, String> consumer = consumer(kafka, "tributary.latency")) {
            // warm-up writes until the pipeline answers, then the measured ones
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> writing = writer.submit(() -> {
                long period = 1_000_000_000L / rate, next = System.nanoTime();
                for (int i = 0; i < warm + total; i++) {
                    while (System.nanoTime() < next) Thread.onSpinWait();
                    next += period;
                    String id = "k" + i;
                    // the write's start on this JVM's clock, which the consumer reads too
                    ddb.putItem(b -> b.tableName("latency").item(Map.of("pk", AttributeValue.fromS(id),
                            "t", AttributeValue.fromN(Long.toString(System.nanoTime())))));
                }
                return null;
            });
            int seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60L);
            while (seen < warm + total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    JsonNode after = JSON.readTree(JSON.readTree(r.value()).path("after").asText());
                    if (seen++ >= warm) micros.recordValue(Math.max(0, (now - after.path("t").asLong()) / 1000));
                }
            }
            writing.get();
            writer.shutdown();
        }
        System.out.printf("latency: %d changes at %d/s, %d tasks: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", micros.getTotalCount(), rate, tasks,
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }

    private static void throughput(TestServer tributary, DynamoDbClient ddb, KafkaBroker kafka, ConnectWorker worker, int backlog, int tasks) throws Exception {
        TestServer.createStreamTable(ddb, "backlog", "pk", StreamViewType.NEW_AND_OLD_IMAGES);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int from = w * (backlog / 8), to = (w + 1) * (backlog / 8);
            writers.add(pool.submit(() -> {
                for (int i = from; i < to; i += 25) {
                    List<WriteRequest> batch = new ArrayList<>();
                    for (int j = i; j < Math.min(to, i + 25); j++) {
                        batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("pk", AttributeValue.fromS("k" + j),
                                "name", AttributeValue.fromS("name " + j), "n", AttributeValue.fromN(Integer.toString(j)))).build()).build());
                    }
                    ddb.batchWriteItem(b -> b.requestItems(Map.of("backlog", batch)));
                }
                return null;
            }));
        }
        for (Future<?> f : writers) f.get();
        pool.shutdown();
        long start = System.nanoTime();
        connector(tributary, worker, "backlog", tasks);
        int seen = 0;
        try (KafkaConsumer<String, String> consumer = consumer(kafka, "tributary.backlog")) {
            long deadline = start + TimeUnit.MINUTES.toNanos(10);
            while (seen < backlog && System.nanoTime() < deadline) seen += consumer.poll(Duration.ofMillis(100)).count();
        }
        double secondsTaken = (System.nanoTime() - start) / 1e9;
        System.out.printf("throughput: a backlog of %d changes into Kafka and read back in %.1f s with %d tasks: %.0f changes/s%n",
                seen, secondsTaken, tasks, seen / secondsTaken);
    }
}
