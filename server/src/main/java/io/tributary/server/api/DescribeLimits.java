package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.server.json.Json;

/** DescribeLimits: the default quotas of an AWS account, which SDK helpers and tools read before provisioning. */
public final class DescribeLimits implements Action {
    @Override
    public Execution execution() {
        return Execution.READ;
    }

    @Override
    public ObjectNode handle(Request request) {
        ObjectNode out = Json.object();
        out.put("AccountMaxReadCapacityUnits", 80000);
        out.put("AccountMaxWriteCapacityUnits", 80000);
        out.put("TableMaxReadCapacityUnits", 40000);
        out.put("TableMaxWriteCapacityUnits", 40000);
        return out;
    }
}
