package io.tributary.kafka;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventName;
import io.tributary.connect.Sink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.json.JsonConverter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * `tributary sync --to kafka://HOST:PORT/TOPIC`: each change to Kafka in the source connector's envelope, as its
 * JSON converter writes it without schemas, keyed by the item's key as JSON (so one item is one partition), a
 * tombstone after each delete. The producer is idempotent; {@link #apply} returns only once Kafka has acknowledged
 * the whole batch, so the worker's checkpoint never passes a change Kafka does not hold. With transactions, each
 * batch is one Kafka transaction: a consumer reading committed records sees a batch whole or not at all.
 */
public final class KafkaSink implements Sink {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topicTemplate;
    private final boolean typed;
    private final boolean transactional;
    private final JsonConverter values = new JsonConverter();

    /** {@code topicTemplate}: the topic, ${table} replaced by the change's table; {@code transactionalId}: null for none. */
    public KafkaSink(String bootstrapServers, String topicTemplate, boolean typed, String transactionalId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        if (transactionalId != null) p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        producer = new KafkaProducer<>(p);
        if (transactionalId != null) producer.initTransactions();
        this.topicTemplate = topicTemplate;
        this.typed = typed;
        this.transactional = transactionalId != null;
        values.configure(Map.of("schemas.enable", "false"), false);
    }

    /** {@code kafka://HOST:PORT[,HOST:PORT]/TOPIC-TEMPLATE}; the template defaults to tributary.${table}. */
    public static KafkaSink open(String spec, boolean typed, String transactionalId) {
        String rest = spec.substring("kafka://".length());
        int slash = rest.indexOf('/');
        String servers = slash < 0 ? rest : rest.substring(0, slash);
        String topic = slash < 0 || slash == rest.length() - 1 ? "tributary.${table}" : rest.substring(slash + 1);
        if (servers.isBlank()) throw new IllegalArgumentException("kafka:// needs HOST:PORT, as in kafka://127.0.0.1:9092/tributary.${table}");
        return new KafkaSink(servers, topic, typed, transactionalId);
    }

    /** Shard consumers call this at once; a producer runs one transaction at a time, so transactional batches take turns. */
    @Override
    public void apply(List<ChangeEvent> changes) throws Exception {
        if (!transactional) {
            send(changes);
            return;
        }
        synchronized (producer) {
            send(changes);
        }
    }

    private void send(List<ChangeEvent> changes) throws Exception {
        if (transactional) producer.beginTransaction();
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (ChangeEvent e : changes) {
                String topic = topicTemplate.replace("${table}", e.table());
                byte[] key = Envelope.key(e).getBytes(StandardCharsets.UTF_8);
                long ts = e.approximateCreationTime().toEpochMilli();
                byte[] value = values.fromConnectData(topic, Envelope.VALUE, Envelope.value(e, typed, now));
                sent.add(producer.send(new ProducerRecord<>(topic, null, ts, key, value)));
                if (e.eventName() == EventName.REMOVE) sent.add(producer.send(new ProducerRecord<>(topic, null, ts, key, (byte[]) null)));
            }
            if (transactional) {
                producer.commitTransaction();
            } else {
                producer.flush();
            }
            for (Future<RecordMetadata> f : sent) f.get();
        } catch (ExecutionException | RuntimeException e) {
            if (transactional) abort(e);
            throw e;
        }
    }

    private void abort(Exception cause) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
