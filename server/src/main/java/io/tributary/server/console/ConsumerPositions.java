package io.tributary.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every consumer that keeps its leases in a table (as {@code tributary sync} and the KCL do: one item per
 * shard keyed by {@code leaseKey}, with {@code checkpoint} and {@code leaseOwner}) stands in each stream: per
 * shard, how many records it has still to read (counted up to {@link #COUNTED}) and how old the oldest of them
 * is, which is what AWS reports as IteratorAge. A lease table belongs to a stream when it holds a lease of one
 * of its shards.
 */
final class ConsumerPositions {
    /** Records behind are counted up to this many per shard; past it the figure says "at least". */
    static final int COUNTED = 1000;
    private static final String RESERVED_PREFIX = "tributary:";
    private static final String SHARD_END = "SHARD_END";

    /** One shard as one consumer stands in it; {@code oldestUnreadMillis} is -1 when nothing is unread. */
    record Position(String shardId, String owner, String checkpoint, int behind, boolean atLeast, long oldestUnreadMillis) {}

    /** One consumer (its lease table) of one table's stream. */
    record StreamConsumer(String table, String leaseTable, List<Position> shards) {
        /** The age of the oldest record no shard has read yet, in milliseconds; 0 when caught up. */
        long iteratorAgeMillis(long nowMillis) {
            long oldest = shards.stream().mapToLong(Position::oldestUnreadMillis).filter(t -> t >= 0).min().orElse(-1);
            return oldest < 0 ? 0 : Math.max(0, nowMillis - oldest);
        }

        long behind() {
            return shards.stream().mapToLong(Position::behind).sum();
        }
    }

    private final LocalApi api;

    ConsumerPositions(LocalApi api) {
        this.api = api;
    }

    /** Every consumer of every table's stream. */
    List<StreamConsumer> all() {
        return find(null);
    }

    /** The consumers of one table's stream. */
    List<StreamConsumer> of(String table) {
        return find(table);
    }

    private List<StreamConsumer> find(String onlyTable) {
        Map<String, String> streams = new LinkedHashMap<>();
        List<String> leaseTables = new ArrayList<>();
        for (String name : tableNames()) {
            JsonNode table;
            try {
                table = api.dynamodb("DescribeTable", b -> b.put("TableName", name)).path("Table");
            } catch (TributaryException deletedMeanwhile) {
                continue;
            }
            JsonNode keys = table.path("KeySchema");
            if (keys.size() == 1 && "leaseKey".equals(keys.get(0).path("AttributeName").asText())) leaseTables.add(name);
            String arn = LocalApi.latestStreamArn(table);
            if ((onlyTable == null || onlyTable.equals(name)) && arn != null) streams.put(name, arn);
        }
        List<StreamConsumer> consumers = new ArrayList<>();
        if (streams.isEmpty() || leaseTables.isEmpty()) return consumers;
        Map<String, Map<String, JsonNode>> leasesByTable = new LinkedHashMap<>();
        for (String leaseTable : leaseTables) leasesByTable.put(leaseTable, leases(leaseTable));
        for (Map.Entry<String, String> stream : streams.entrySet()) {
            Map<String, JsonNode> shards = shards(stream.getValue());
            for (Map.Entry<String, Map<String, JsonNode>> leases : leasesByTable.entrySet()) {
                if (leases.getValue().keySet().stream().noneMatch(shards::containsKey)) continue;
                List<Position> positions = new ArrayList<>();
                for (Map.Entry<String, JsonNode> shard : shards.entrySet()) {
                    JsonNode lease = leases.getValue().get(shard.getKey());
                    boolean open = !shard.getValue().path("SequenceNumberRange").has("EndingSequenceNumber");
                    // a closed shard without a lease was read and its lease removed, or was never this consumer's
                    if (lease == null && !open) continue;
                    positions.add(position(stream.getValue(), shard.getKey(), lease));
                }
                consumers.add(new StreamConsumer(stream.getKey(), leases.getKey(), positions));
            }
        }
        return consumers;
    }

    private Position position(String arn, String shardId, JsonNode lease) {
        String checkpoint = lease == null ? null : lease.path("checkpoint").path("S").asText("TRIM_HORIZON");
        String owner = lease == null ? null : lease.path("leaseOwner").path("S").asText(null);
        if (SHARD_END.equals(checkpoint) || "LATEST".equals(checkpoint)) return new Position(shardId, owner, checkpoint, 0, false, -1);
        boolean fromStart = checkpoint == null || !Character.isDigit(checkpoint.charAt(0));
        ObjectNode page;
        try {
            String iterator = api.streams("GetShardIterator", b -> {
                b.put("StreamArn", arn).put("ShardId", shardId).put("ShardIteratorType", fromStart ? "TRIM_HORIZON" : "AFTER_SEQUENCE_NUMBER");
                if (!fromStart) b.put("SequenceNumber", checkpoint);
            }).path("ShardIterator").asText();
            page = api.streams("GetRecords", b -> b.put("ShardIterator", iterator).put("Limit", COUNTED));
        } catch (TributaryException trimmed) {
            return new Position(shardId, owner, checkpoint, 0, false, -1);
        }
        JsonNode records = page.path("Records");
        long oldest = records.isEmpty() ? -1
                : (long) (records.get(0).path("dynamodb").path("ApproximateCreationDateTime").asDouble() * 1000);
        return new Position(shardId, owner, checkpoint, records.size(), records.size() >= COUNTED, oldest);
    }

    private List<String> tableNames() {
        List<String> names = new ArrayList<>();
        String after = null;
        do {
            String from = after;
            JsonNode page = api.dynamodb("ListTables", b -> {
                if (from != null) b.put("ExclusiveStartTableName", from);
            });
            page.path("TableNames").forEach(n -> names.add(n.asText()));
            after = page.path("LastEvaluatedTableName").asText(null);
        } while (after != null);
        return names;
    }

    private Map<String, JsonNode> leases(String leaseTable) {
        Map<String, JsonNode> leases = new LinkedHashMap<>();
        JsonNode start = null;
        do {
            JsonNode from = start;
            JsonNode page;
            try {
                page = api.dynamodb("Scan", b -> {
                    b.put("TableName", leaseTable).put("ConsistentRead", true);
                    if (from != null) b.set("ExclusiveStartKey", from);
                });
            } catch (TributaryException deletedMeanwhile) {
                return leases;
            }
            for (JsonNode item : page.path("Items")) {
                String key = item.path("leaseKey").path("S").asText("");
                if (!key.isEmpty() && !key.startsWith(RESERVED_PREFIX)) leases.put(key, item);
            }
            start = page.get("LastEvaluatedKey");
        } while (start != null && !start.isEmpty());
        return leases;
    }

    private Map<String, JsonNode> shards(String arn) {
        Map<String, JsonNode> shards = new LinkedHashMap<>();
        api.shards(arn).forEach(s -> shards.put(s.path("ShardId").asText(), s));
        return shards;
    }
}
