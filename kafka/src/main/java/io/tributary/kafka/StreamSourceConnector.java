package io.tributary.kafka;

import io.tributary.connect.StreamShards;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Kafka Connect source of a DynamoDB table's stream (Tributary, DynamoDB Local or AWS), read through the public
 * Streams API. The shards are split among tasks by lineage family ({@link ShardFamilies}); when shards appear (a
 * rollover) or the table gets a new stream, the connector asks Connect to hand the shards out again. Connect's
 * distributed mode does the rest: where tasks run, restarting a failed one from its committed offsets.
 */
public final class StreamSourceConnector extends SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSourceConnector.class);

    private Map<String, String> props;
    private SourceConfig config;
    private DynamoDbClient ddb;
    private DynamoDbStreamsClient streams;
    private ScheduledExecutorService watcher;
    private volatile String streamArn;
    private volatile Set<String> shardIds = Set.of();
    private volatile List<Shard> shards = List.of();
    /** The initial snapshot still to be sent, or null. */
    private InitialSnapshot snapshot;

    @Override
    public String version() {
        return Envelope.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
        config = new SourceConfig(props);
        ddb = AwsClients.dynamoDb(config);
        streams = AwsClients.streams(config);
        look();
        if (config.getString(SourceConfig.SNAPSHOT_MODE).equals("initial")) snapshot = snapshotToSend();
        watcher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "tributary-source-shards-" + config.table()));
        long every = config.getLong(SourceConfig.REFRESH_MS);
        watcher.scheduleWithFixedDelay(this::lookAgain, every, every, TimeUnit.MILLISECONDS);
    }

    /** The table's stream and its shards as they are now. */
    private void look() {
        TableDescription table = ddb.describeTable(b -> b.tableName(config.table())).table();
        if (table.latestStreamArn() == null || table.streamSpecification() == null || !Boolean.TRUE.equals(table.streamSpecification().streamEnabled())) {
            throw new ConnectException("table " + config.table() + " has no stream enabled");
        }
        String arn = table.latestStreamArn();
        List<Shard> listed = StreamShards.list(streams, arn);
        streamArn = arn;
        shards = listed;
        shardIds = listed.stream().map(Shard::shardId).collect(Collectors.toUnmodifiableSet());
    }

    /** The snapshot an earlier run began sending, a new one, or null once one was sent (or the table was empty). */
    private InitialSnapshot snapshotToSend() {
        Map<String, Object> sent = context().offsetStorageReader().offset(StreamSourceTask.snapshotPartition(config.table()));
        if (sent != null && "true".equals(sent.get("done"))) return null;
        if (sent != null && sent.get("snapshot") != null) return InitialSnapshot.decode((String) sent.get("snapshot"));
        InitialSnapshot taken = InitialSnapshot.take(ddb, config.table());
        return taken.empty() ? null : taken;
    }

    private void lookAgain() {
        try {
            String arnBefore = streamArn;
            Set<String> before = shardIds;
            look();
            if (!streamArn.equals(arnBefore) || !shardIds.equals(before)) {
                LOG.info("the shards of {} changed ({} now); handing them out again", config.table(), shardIds.size());
                context.requestTaskReconfiguration();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not look at the shards of {}: {}", config.table(), e.toString());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return StreamSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> assigned : ShardFamilies.deal(ShardFamilies.of(shards), maxTasks)) {
            Map<String, String> task = new HashMap<>(props);
            task.put(SourceConfig.TASK_STREAM, streamArn);
            task.put(SourceConfig.TASK_SHARDS, String.join(",", assigned));
            if (snapshot != null) {
                task.put(SourceConfig.TASK_SNAPSHOT, snapshot.encode());
                task.put(SourceConfig.TASK_SNAPSHOT_SCAN, Boolean.toString(configs.isEmpty()));
            }
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (watcher != null) watcher.shutdownNow();
        if (streams != null) streams.close();
        if (ddb != null) ddb.close();
    }

    @Override
    public ConfigDef config() {
        return SourceConfig.DEFINITION;
    }
}
