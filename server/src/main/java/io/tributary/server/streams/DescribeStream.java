package io.tributary.server.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;
import io.tributary.core.model.ShardDescriptor;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.storage.StreamLog;
import io.tributary.server.api.Action;
import io.tributary.server.api.Constraints;
import io.tributary.server.api.Request;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** DescribeStream: the stream and its shards (parents before children), paged; ShardFilter CHILD_SHARDS narrows to one shard's children. */
public final class DescribeStream implements Action {
    private final StreamLog log;

    public DescribeStream(StreamLog log) {
        this.log = log;
    }

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        String arn = request.string("StreamArn");
        Long limit = request.integer("Limit");
        String startShard = request.string("ExclusiveStartShardId");
        JsonNode filter = request.object("ShardFilter");
        Constraints c = new Constraints();
        c.notNull(arn, "streamArn");
        c.range(limit, "limit", 1, 100);
        String filterType = filter == null ? null : Request.string(filter, "Type");
        if (filter != null) {
            c.notNull(filterType, "shardFilter.type");
            c.oneOf(filterType, "shardFilter.type", List.of("CHILD_SHARDS"));
        }
        String parentFilter = filter == null ? null : Request.string(filter, "ShardId");
        if (filter != null && parentFilter == null) {
            throw TributaryException.validation("The ShardId must be specified when the ShardFilter Type is CHILD_SHARDS");
        }
        c.shardId(parentFilter, "shardFilter.shardId");
        c.shardId(startShard, "exclusiveStartShardId");
        c.check();
        int max = limit == null ? 100 : limit.intValue();
        StreamDefinition stream = StreamArns.resolve(log, arn);

        // ShardIds sort in creation order (parents first), and paging resumes after an id whether or not a shard has it.
        List<ShardDescriptor> shards = new ArrayList<>(stream.shards());
        if (parentFilter != null) shards.removeIf(s -> !parentFilter.equals(s.parentShardId()));
        if (startShard != null) shards.removeIf(s -> s.shardId().compareTo(startShard) <= 0);
        shards.sort(Comparator.comparing(ShardDescriptor::shardId));

        ObjectNode out = Json.object();
        ObjectNode d = out.putObject("StreamDescription");
        d.put("StreamArn", StreamArns.of(request.context(), stream));
        d.put("StreamLabel", stream.label());
        d.put("StreamStatus", stream.enabled() ? "ENABLED" : "DISABLED");
        d.put("StreamViewType", stream.viewType());
        d.put("CreationRequestDateTime", stream.createdMillis() / 1000.0);
        d.put("TableName", stream.tableName());
        ArrayNode keys = d.putArray("KeySchema");
        keys.addObject().put("AttributeName", stream.hashKey().name()).put("KeyType", "HASH");
        if (stream.rangeKey() != null) keys.addObject().put("AttributeName", stream.rangeKey().name()).put("KeyType", "RANGE");
        ArrayNode list = d.putArray("Shards");
        for (int i = 0; i < shards.size(); i++) {
            if (list.size() == max) {
                d.put("LastEvaluatedShardId", shards.get(i - 1).shardId());
                break;
            }
            ShardDescriptor s = shards.get(i);
            ObjectNode shard = list.addObject();
            shard.put("ShardId", s.shardId());
            ObjectNode range = shard.putObject("SequenceNumberRange");
            range.put("StartingSequenceNumber", SequenceNumbers.format(Math.max(s.startingSequence(), s.trimmedThrough() + 1)));
            if (!s.isOpen()) range.put("EndingSequenceNumber", SequenceNumbers.format(s.endingSequence()));
            if (s.parentShardId() != null) shard.put("ParentShardId", s.parentShardId());
        }
        return out;
    }
}
