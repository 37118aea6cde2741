package io.tributary.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.server.api.Action;
import io.tributary.server.api.Request;
import io.tributary.server.api.RequestContext;
import io.tributary.server.http.Router;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The server's own API actions called in-process, as the console's server side and the metrics read tables,
 * streams and lease tables: the same answers and errors a client gets, without HTTP in between.
 * Only for the console and metrics: each answer is written and parsed once more.
 */
public final class LocalApi {
    /** The console's browser code signs for this region too, so the stream ARNs both see are the same. */
    static final String REGION = "us-east-1";
    private static final String DYNAMODB = "DynamoDB_20120810.";
    private static final String STREAMS = "DynamoDBStreams_20120810.";

    private final Router router;

    public LocalApi(Router router) {
        this.router = router;
    }

    ObjectNode dynamodb(String action, Consumer<ObjectNode> body) {
        return call(DYNAMODB + action, body);
    }

    ObjectNode streams(String action, Consumer<ObjectNode> body) {
        return call(STREAMS + action, body);
    }

    /** The stream ARN of a DescribeTable answer's table, or null when its stream is off. */
    static String latestStreamArn(JsonNode table) {
        return table.path("StreamSpecification").path("StreamEnabled").asBoolean(false) ? table.path("LatestStreamArn").asText(null) : null;
    }

    /** Every shard DescribeStream lists for the stream, over all its pages, parents before children. */
    List<JsonNode> shards(String streamArn) {
        List<JsonNode> shards = new ArrayList<>();
        String after = null;
        do {
            String from = after;
            JsonNode description = streams("DescribeStream", b -> {
                b.put("StreamArn", streamArn);
                if (from != null) b.put("ExclusiveStartShardId", from);
            }).path("StreamDescription");
            description.path("Shards").forEach(shards::add);
            after = description.path("LastEvaluatedShardId").asText(null);
        } while (after != null);
        return shards;
    }

    private ObjectNode call(String target, Consumer<ObjectNode> fill) {
        Action action = router.find(target);
        ObjectNode body = Json.MAPPER.createObjectNode();
        fill.accept(body);
        RequestContext context = new RequestContext(REGION, "tributary-console", UUID.randomUUID().toString(), "localhost", null);
        // answers may hold parts already written as JSON bytes (GetRecords' records); read back as plain nodes
        return (ObjectNode) Json.parseRequest(Json.write(action.handle(new Request(body, context))));
    }
}
