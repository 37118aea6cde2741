package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * ClientRequestToken idempotency of TransactWriteItems: for ten minutes a token replays its first
 * successful answer without writing again, and refuses a different request under the same token.
 */
public final class ClientRequestTokens {
    static final long TTL_MILLIS = 10 * 60 * 1000;

    private record Used(JsonNode request, ObjectNode response, long at) {}

    private final Map<String, Used> used = new ConcurrentHashMap<>();

    ObjectNode once(String token, JsonNode request, Supplier<ObjectNode> action) {
        if (token == null) return action.get();
        long now = System.currentTimeMillis();
        expire(now);
        JsonNode identity = withoutCapacityMode(request);
        synchronized (token.intern()) {
            Used previous = used.get(token);
            if (previous != null) {
                if (!previous.request().equals(identity)) {
                    throw new TributaryException("IdempotentParameterMismatchException",
                            "Request parameters do not match the parameters of a previous request with the same client request token");
                }
                return previous.response().deepCopy();
            }
            ObjectNode response = action.get();
            used.put(token, new Used(identity, response.deepCopy(), now));
            return response;
        }
    }

    /** ReturnConsumedCapacity may differ between retries of one request. */
    private static JsonNode withoutCapacityMode(JsonNode request) {
        ObjectNode copy = ((ObjectNode) request).deepCopy();
        copy.remove("ReturnConsumedCapacity");
        return copy;
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Used>> it = used.entrySet().iterator();
        while (it.hasNext()) {
            if (now - it.next().getValue().at() > TTL_MILLIS) it.remove();
        }
    }
}
