package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API action: takes the request body, answers the response body or throws a TributaryException. */
public interface Action {
    ObjectNode handle(Request request);

    /**
     * True for an action that only reads a bounded amount (at most a 1 MB page) and never waits on an
     * fsync, so it may run on the network thread.
     */
    default boolean readOnly() {
        return false;
    }
}
