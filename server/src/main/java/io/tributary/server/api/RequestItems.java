package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.TributaryException;

/** The RequestItems map of BatchGetItem and BatchWriteItem, checked as both check it. */
final class RequestItems {
    private RequestItems() {}

    /** The map of table name to requests, after the checks on it and on ReturnConsumedCapacity. */
    static JsonNode of(Request request) {
        JsonNode requestItems = request.object("RequestItems");
        Constraints c = new Constraints();
        c.notNull(requestItems, "requestItems");
        c.oneOf(request.string("ReturnConsumedCapacity"), "returnConsumedCapacity", ItemResponses.RETURN_CONSUMED);
        c.check();
        if (requestItems.isEmpty()) {
            throw TributaryException.validation("1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
        return requestItems;
    }
}
