package io.tributary.kafka;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.EventName;
import io.tributary.connect.PlainValues;
import io.tributary.connect.RecordReader;
import io.tributary.connect.StreamShards;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
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
import java.util.TreeMap;

/**
 * Reads the shards the connector gave this task, each from its committed offset (the last sequence number sent,
 * or the shard's start), a child only once its parent is read to its end, and turns each record into an envelope
 * on the table's topic, a delete followed by its tombstone. Offsets are Connect's: a task restarted anywhere goes
 * on after the last record Kafka acknowledged, so delivery is at least once. With an initial snapshot, the first task
 * sends every item as a snapshot read first, a page at a time; every task streams once the snapshot's end is
 * committed, each shard from the snapshot's position in it.
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
    /** The initial snapshot while it is not yet committed as sent, or null. */
    private InitialSnapshot snapshot;
    private boolean scanning;
    private String scanFrom;
    private DynamoDbClient ddb;
    private List<String> keyNames;

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
        Map<String, String> snapshotPositions = config.getString(SourceConfig.SNAPSHOT_MODE).equals("initial") ? startSnapshot() : Map.of();
        List<String> mine = config.getList(SourceConfig.TASK_SHARDS);
        Map<String, String> parents = new LinkedHashMap<>();
        for (Shard s : StreamShards.list(streams, streamArn)) parents.put(s.shardId(), s.parentShardId());
        for (String shard : mine) {
            ShardState state = new ShardState(shard, parents.get(shard));
            Map<String, Object> offset = context.offsetStorageReader().offset(partition(shard));
            if (offset != null) state.lastSequence = (String) offset.get("sequence_number");
            // a shard not read yet starts where the snapshot was taken, even once the snapshot is sent
            else state.lastSequence = snapshotPositions.get(shard);
            shards.put(shard, state);
        }
        LOG.info("reading {} shard(s) of {} into {}", shards.size(), streamArn, topic);
    }

    /** The snapshot partition's offset: the snapshot being sent, where its scan is, and whether it is done. */
    static Map<String, String> snapshotPartition(String table) {
        return Map.of("table", table, "snapshot", "initial");
    }

    /**
     * Where each shard starts when it has no offset of its own: after the initial snapshot's position in it. Sets the
     * snapshot up when it is still to be sent; none when the table was empty at the connector's start.
     */
    private Map<String, String> startSnapshot() {
        Map<String, Object> sent = context.offsetStorageReader().offset(snapshotPartition(config.table()));
        if (sent != null && "true".equals(sent.get("done"))) return InitialSnapshot.decode((String) sent.get("snapshot")).positions();
        if (config.getString(SourceConfig.TASK_SNAPSHOT).isEmpty()) return Map.of();
        snapshot = InitialSnapshot.decode(config.getString(SourceConfig.TASK_SNAPSHOT));
        scanning = config.getBoolean(SourceConfig.TASK_SNAPSHOT_SCAN);
        if (scanning) {
            if (sent != null) scanFrom = (String) sent.get("last_key");
            ddb = AwsClients.dynamoDb(config);
            keyNames = ddb.describeTable(b -> b.tableName(config.table())).table().keySchema().stream().map(k -> k.attributeName()).toList();
        }
        return snapshot.positions();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (snapshot != null) {
            if (scanning) return scanPage();
            // streaming waits until the snapshot's end is committed, so no change after it reaches Kafka before it
            Map<String, Object> sent = context.offsetStorageReader().offset(snapshotPartition(config.table()));
            if (sent == null || !"true".equals(sent.get("done"))) {
                Thread.sleep(Math.min(200, config.getLong(SourceConfig.IDLE_MS)));
                return null;
            }
            snapshot = null;
            if (ddb != null) ddb.close();
            ddb = null;
        }
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

    /** One page of the snapshot, each item a snapshot read; the last page's last item says the snapshot is done. */
    private List<SourceRecord> scanPage() {
        ScanRequest.Builder request = ScanRequest.builder().tableName(config.table()).limit(config.getInt(SourceConfig.BATCH))
                .exclusiveStartKey(ScanKeys.decode(scanFrom));
        if (snapshot.id() != null) request.overrideConfiguration(o -> o.putHeader(InitialSnapshot.HEADER, snapshot.id()));
        else request.consistentRead(true);
        ScanResponse page = ddb.scan(request.build());
        boolean done = !page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty();
        String next = done ? "" : ScanKeys.encode(page.lastEvaluatedKey());
        Map<String, String> offset = Map.of("snapshot", snapshot.encode(), "last_key", next, "done", Boolean.toString(done));
        List<SourceRecord> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < page.items().size(); i++) {
            Map<String, Object> item = PlainValues.item(page.items().get(i));
            Map<String, Object> key = new TreeMap<>();
            for (String name : keyNames) key.put(name, item.get(name));
            boolean last = done && i == page.items().size() - 1;
            out.add(new SourceRecord(snapshotPartition(config.table()), offset, topic, null, Envelope.KEY, EventJson.item(key, false).toString(),
                    Envelope.VALUE, Envelope.snapshotRead(config.table(), streamArn, item, snapshot.sequence(), snapshot.takenMillis(), last,
                    config.typed(), now), snapshot.takenMillis()));
        }
        scanFrom = next;
        if (done) {
            scanning = false;
            LOG.info("snapshot of {} sent; streaming once it is committed", config.table());
        }
        return out;
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
        if (ddb != null) ddb.close();
    }
}
