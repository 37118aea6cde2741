package io.tributary.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connect.EventJson;
import io.tributary.connect.PlainValues;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table rebuilt by a plain KafkaConsumer from a topic of envelopes, compared with the table key by key. */
final class TopicCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicCheck() {}

    /** The table as the envelopes' {@code after} documents show it: key JSON to item. */
    private static Map<String, JsonNode> table(DynamoDbClient ddb, String name) {
        Map<String, JsonNode> items = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName(name).consistentRead(true)).items().forEach(i -> {
            Map<String, Object> plain = PlainValues.item(i);
            try {
                // parsed back, so numbers are the same kind of node as the consumer's
                items.put(EventJson.item(new TreeMap<>(Map.of("pk", plain.get("pk"))), false).toString(),
                        JSON.readTree(EventJson.item(new TreeMap<>(plain), false).toString()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return items;
    }

    /**
     * Reads the topic (as the source connector writes it with JsonConverter, {@code schemaWrapped}, or as the sync
     * sink writes it) until the state it rebuilds equals the table, checking each key's changes come in order:
     * a sequence number not above the key's highest so far must be one already seen (a redelivery).
     */
    /** Returns every envelope read (tombstones left out), in the order read. */
    static List<JsonNode> assertRebuildsTable(DynamoDbClient ddb, KafkaBroker kafka, String table, String topic, boolean schemaWrapped) throws Exception {
        Map<String, JsonNode> expected = table(ddb, table);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "rebuild-" + table);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, JsonNode> state = new HashMap<>();
        List<JsonNode> envelopes = new ArrayList<>();
        Map<String, BigInteger> highest = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int records = 0, duplicates = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!state.equals(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    String key = schemaWrapped ? JSON.readTree(r.key()).path("payload").asText() : r.key();
                    // a tombstone is for compaction; it carries no sequence number, so a redelivered one would undo a
                    // newer change: the delete's own envelope (op d) is what this consumer applies
                    if (r.value() == null) continue;
                    JsonNode value = schemaWrapped ? JSON.readTree(r.value()).path("payload") : JSON.readTree(r.value());
                    envelopes.add(value);
                    String seq = value.path("source").path("sequence_number").asText();
                    BigInteger s = new BigInteger(seq);
                    BigInteger before = highest.get(key);
                    if (before != null && s.compareTo(before) <= 0) {
                        assertTrue(seen.contains(key + "@" + seq), "change " + seq + " of " + key + " after " + before + ", never seen before: out of order");
                        duplicates++;
                        continue;
                    }
                    highest.put(key, s);
                    seen.add(key + "@" + seq);
                    if (value.path("op").asText().equals("d")) state.remove(key);
                    else state.put(key, JSON.readTree(value.path("after").asText()));
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        for (String key : expected.keySet()) {
            if (!expected.get(key).equals(state.get(key))) wrong.add(key + ": table " + expected.get(key) + ", Kafka " + state.get(key));
        }
        for (String key : state.keySet()) if (!expected.containsKey(key)) wrong.add(key + ": not in the table, Kafka " + state.get(key));
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + expected.size() + " items differ after " + records + " records ("
                + duplicates + " redelivered), e.g. " + wrong.subList(0, Math.min(5, wrong.size())));
        return envelopes;
    }

}
