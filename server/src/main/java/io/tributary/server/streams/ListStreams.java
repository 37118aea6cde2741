package io.tributary.server.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.storage.StreamLog;
import io.tributary.server.api.Action;
import io.tributary.server.api.Constraints;
import io.tributary.server.api.Request;
import io.tributary.server.json.Json;

import java.util.List;

/** ListStreams: every stream (enabled or still readable), optionally of one table, paged by ARN. */
public final class ListStreams implements Action {
    private final StreamLog log;

    public ListStreams(StreamLog log) {
        this.log = log;
    }

    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        String table = request.string("TableName");
        Long limit = request.integer("Limit");
        String start = request.string("ExclusiveStartStreamArn");
        Constraints c = new Constraints();
        if (table != null) c.tableName(table, "tableName");
        c.range(limit, "limit", 1, 100);
        c.check();
        int max = limit == null ? 100 : limit.intValue();

        List<StreamDefinition> all = log.streams();
        int from = 0;
        if (start != null) {
            StreamDefinition after = StreamArns.resolve(log, start);
            from = all.indexOf(all.stream().filter(s -> s.id() == after.id()).findFirst().orElse(after)) + 1;
        }
        ObjectNode out = Json.object();
        ArrayNode streams = out.putArray("Streams");
        StreamDefinition last = null;
        for (int i = from; i < all.size(); i++) {
            StreamDefinition s = all.get(i);
            if (table != null && !s.tableName().equals(table)) continue;
            if (streams.size() == max) {
                out.put("LastEvaluatedStreamArn", StreamArns.of(request.context(), last));
                break;
            }
            streams.addObject()
                    .put("StreamArn", StreamArns.of(request.context(), s))
                    .put("TableName", s.tableName())
                    .put("StreamLabel", s.label());
            last = s;
        }
        return out;
    }
}
