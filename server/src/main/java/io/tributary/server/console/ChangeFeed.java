package io.tributary.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one table's stream from the moment it is opened, through the Streams API in-process, and hands each
 * record on as a console event. Shards that appear later (a rollover's children) are read from their start, and
 * a child only once its parent has been read to its end. A stream disabled and enabled again is followed anew.
 * Only the console's own thread calls {@link #poll}.
 */
final class ChangeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int PAGE = 1000;

    private final LocalApi api;
    private final String table;
    private final Consumer<ObjectNode> out;
    private String streamArn;
    private boolean started;
    /** The next iterator of each shard being read, in the order DescribeStream lists them (parents first). */
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Map<String, String> parents = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();

    ChangeFeed(LocalApi api, String table, Consumer<ObjectNode> out) {
        this.api = api;
        this.table = table;
        this.out = out;
    }

    /**
     * Reads everything new; {@code look}: first see whether the table's stream or its shards changed (the feed's
     * once-a-second tick), which a wake-up for new records need not. A failure starts the feed again from the
     * stream's latest records.
     */
    void poll(boolean look) {
        try {
            if (look || !started) {
                String arn = LocalApi.latestStreamArn(api.dynamodb("DescribeTable", b -> b.put("TableName", table)).path("Table"));
                if (!Objects.equals(arn, streamArn) || !started) restart(arn);
                if (arn == null) return;
                addShards(arn);
            }
            for (String shard : new ArrayList<>(iterators.keySet())) {
                if (!iterators.containsKey(parents.get(shard))) read(shard);
            }
        } catch (TributaryException e) {
            out.accept(status("resync", e.getMessage()));
            started = false;
        } catch (RuntimeException e) {
            LOG.warn("console feed of {} failed; starting again from the latest records", table, e);
            out.accept(status("resync", String.valueOf(e)));
            started = false;
        }
    }

    private void restart(String arn) {
        streamArn = arn;
        started = false;
        iterators.clear();
        parents.clear();
        finished.clear();
        out.accept(status(arn == null ? "no-stream" : "following", arn));
    }

    private void addShards(String arn) {
        for (JsonNode shard : api.shards(arn)) {
            String id = shard.path("ShardId").asText();
            if (iterators.containsKey(id) || finished.contains(id)) continue;
            boolean closed = shard.path("SequenceNumberRange").has("EndingSequenceNumber");
            if (!started && closed) {
                finished.add(id);
                continue;
            }
            parents.put(id, shard.path("ParentShardId").asText(null));
            iterators.put(id, iterator(arn, id, started ? "TRIM_HORIZON" : "LATEST"));
        }
        started = true;
    }

    private String iterator(String arn, String shard, String type) {
        return api.streams("GetShardIterator", b -> b.put("StreamArn", arn).put("ShardId", shard).put("ShardIteratorType", type))
                .path("ShardIterator").asText();
    }

    private void read(String shard) {
        while (true) {
            String iterator = iterators.get(shard);
            ObjectNode page = api.streams("GetRecords", b -> b.put("ShardIterator", iterator).put("Limit", PAGE));
            JsonNode records = page.path("Records");
            for (JsonNode record : records) {
                ObjectNode event = Json.object().put("type", "record").put("shardId", shard);
                event.set("record", record);
                out.accept(event);
            }
            JsonNode next = page.get("NextShardIterator");
            if (next == null || next.isNull()) {
                iterators.remove(shard);
                finished.add(shard);
                return;
            }
            iterators.put(shard, next.asText());
            if (records.size() < PAGE) return;
        }
    }

    private static ObjectNode status(String state, String detail) {
        ObjectNode event = Json.object().put("type", "status").put("state", state);
        if (detail != null) event.put("detail", detail);
        return event;
    }
}
