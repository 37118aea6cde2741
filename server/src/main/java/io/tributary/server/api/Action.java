package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API action: takes the request body, answers the response body or throws a TributaryException. */
public interface Action {
    ObjectNode handle(Request request);
}
