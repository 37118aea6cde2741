package io.tributary.kafka;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventName;
import io.tributary.connect.RecordReader;
import io.tributary.connect.StreamShards;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shards the connector gave this task, each from its committed offset (the last sequence number sent,
 * or the shard's start), a child only once its parent is read to its end, and turns each record into an envelope
 * on the table's topic, a delete followed by its tombstone. Offsets are Connect's: a task restarted anywhere goes
 * on after the last record Kafka acknowledged, so delivery is at least once.
 */
public final class StreamSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSourceTask.class);

    /** Where one shard is being read. */
    private static final class ShardState {
        final String shardId;
        final String parent;
        String iterator;
        String lastSequence;
        boolean finished;

        ShardState(String shardId, String parent) {
            this.shardId = shardId;
            this.parent = parent;
        }
    }

    private SourceConfig config;
    private DynamoDbStreamsClient streams;
    private RecordReader reader;
    private String streamArn;
    private String topic;
    private final Map<String, ShardState> shards = new LinkedHashMap<>();

    @Override
    public String version() {
        return Envelope.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new SourceConfig(props);
        streams = AwsClients.streams(config);
        streamArn = config.getString(SourceConfig.TASK_STREAM);
        topic = config.topic();
        reader = new RecordReader(streams, Math.min(1000, config.getInt(SourceConfig.BATCH)), Duration.ofMillis(config.getLong(SourceConfig.IDLE_MS)));
        List<String> mine = config.getList(SourceConfig.TASK_SHARDS);
        Map<String, String> parents = new LinkedHashMap<>();
        for (Shard s : StreamShards.list(streams, streamArn)) parents.put(s.shardId(), s.parentShardId());
        for (String shard : mine) {
            ShardState state = new ShardState(shard, parents.get(shard));
            Map<String, Object> offset = context.offsetStorageReader().offset(partition(shard));
            if (offset != null) state.lastSequence = (String) offset.get("sequence_number");
            shards.put(shard, state);
        }
        LOG.info("reading {} shard(s) of {} into {}", shards.size(), streamArn, topic);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<ShardState> readable = new ArrayList<>();
        for (ShardState s : shards.values()) {
            ShardState parent = s.parent == null ? null : shards.get(s.parent);
            if (!s.finished && (parent == null || parent.finished)) readable.add(s);
        }
        long idle = config.getLong(SourceConfig.IDLE_MS);
        if (readable.isEmpty()) {
            // every shard read to its end: the connector hands out their children
            Thread.sleep(idle);
            return null;
        }
        int batch = config.getInt(SourceConfig.BATCH);
        long waitEach = reader.longPolling() ? Math.max(1, idle / readable.size()) : 0;
        List<SourceRecord> out = new ArrayList<>();
        for (ShardState s : readable) {
            if (out.size() >= batch) break;
            read(s, out, waitEach);
        }
        if (out.isEmpty() && !reader.longPolling()) Thread.sleep(idle);
        return out;
    }

    private void read(ShardState s, List<SourceRecord> out, long waitMillis) {
        GetRecordsResponse page;
        try {
            if (s.iterator == null) s.iterator = iterator(s);
            page = reader.read(s.iterator, waitMillis);
        } catch (ExpiredIteratorException expired) {
            s.iterator = null;
            return;
        } catch (TrimmedDataAccessException trimmed) {
            LOG.warn("shard {} was trimmed past the last offset {}: records between are lost; going on from the oldest left", s.shardId, s.lastSequence);
            s.lastSequence = null;
            s.iterator = null;
            return;
        } catch (ResourceNotFoundException gone) {
            LOG.warn("shard {} is no longer in the stream", s.shardId);
            s.finished = true;
            return;
        }
        long now = System.currentTimeMillis();
        for (Record r : page.records()) {
            ChangeEvent e = ChangeEvent.of(r, config.table(), streamArn, s.shardId);
            Map<String, ?> offset = Map.of("sequence_number", e.sequenceNumber());
            String key = Envelope.key(e);
            out.add(new SourceRecord(partition(s.shardId), offset, topic, null, Envelope.KEY, key, Envelope.VALUE,
                    Envelope.value(e, config.typed(), now), e.approximateCreationTime().toEpochMilli()));
            if (e.eventName() == EventName.REMOVE && config.getBoolean(SourceConfig.TOMBSTONES)) {
                out.add(new SourceRecord(partition(s.shardId), offset, topic, null, Envelope.KEY, key, null, null,
                        e.approximateCreationTime().toEpochMilli()));
            }
            s.lastSequence = e.sequenceNumber();
        }
        s.iterator = page.nextShardIterator();
        if (s.iterator == null) s.finished = true;
    }

    private String iterator(ShardState s) {
        if (s.lastSequence == null) {
            return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(s.shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
        }
        return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(s.shardId)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(s.lastSequence)).shardIterator();
    }

    private Map<String, String> partition(String shard) {
        return Map.of("stream", streamArn, "shard", shard);
    }

    @Override
    public void stop() {
        if (streams != null) streams.close();
    }
}
