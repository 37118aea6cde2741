package io.tributary.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.model.ShardDescriptor;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.storage.StreamLog;
import io.tributary.server.api.RequestContext;
import io.tributary.server.api.TableDescriptions;
import io.tributary.server.json.Json;
import io.tributary.server.streams.SequenceNumbers;

/**
 * Every stream a table has had (a stream disabled and enabled again is a new one) with its shards over time:
 * parent, opening and closing times, sequence range, and how much of it has expired. DescribeStream says none of
 * the times nor the trimming, so this reads the stream catalogue itself.
 */
final class ShardLineage {
    private static final RequestContext CONTEXT = new RequestContext(LocalApi.REGION, "tributary-console", "", "localhost", null);

    private ShardLineage() {}

    static ObjectNode of(StreamLog log, String table) {
        ObjectNode answer = Json.object().put("table", table);
        ArrayNode streams = answer.putArray("streams");
        for (StreamDefinition stream : log.streams()) {
            if (!stream.tableName().equals(table)) continue;
            ObjectNode s = streams.addObject()
                    .put("streamArn", TableDescriptions.streamArn(CONTEXT, table, stream.label()))
                    .put("viewType", stream.viewType())
                    .put("enabled", stream.enabled())
                    .put("createdMillis", stream.createdMillis());
            ArrayNode shards = s.putArray("shards");
            for (ShardDescriptor d : stream.shards()) {
                ObjectNode shard = shards.addObject()
                        .put("shardId", d.shardId())
                        .put("parentShardId", d.parentShardId())
                        .put("open", d.isOpen())
                        .put("createdMillis", d.createdMillis())
                        .put("startingSequenceNumber", SequenceNumbers.format(d.startingSequence()));
                if (!d.isOpen()) {
                    shard.put("closedMillis", d.closedMillis()).put("endingSequenceNumber", SequenceNumbers.format(d.endingSequence()));
                }
                shard.put("trimmed", trimState(d));
            }
        }
        return answer;
    }

    /** "none", "partly" or "all" of the shard's records expired. */
    private static String trimState(ShardDescriptor d) {
        if (d.trimmedThrough() < 0 || d.trimmedThrough() < d.startingSequence()) return "none";
        return !d.isOpen() && d.trimmedThrough() >= d.endingSequence() ? "all" : "partly";
    }
}
