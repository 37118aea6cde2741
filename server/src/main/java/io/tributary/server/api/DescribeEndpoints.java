package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.server.json.Json;

/**
 * DescribeEndpoints: clients with endpoint discovery ask where to send requests; the answer is the
 * address they reached this server on, so discovery keeps them here.
 */
public final class DescribeEndpoints implements Action {
    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        ObjectNode out = Json.object();
        String address = request.context().host() != null ? request.context().host()
                : "dynamodb." + request.context().region() + ".amazonaws.com";
        out.putArray("Endpoints").addObject().put("Address", address).put("CachePeriodInMinutes", 1440);
        return out;
    }
}
