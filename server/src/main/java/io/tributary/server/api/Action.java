package io.tributary.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API action: takes the request body, answers the response body or throws a TributaryException. */
public interface Action {
    /** The response body; null for an action whose answer has no body at all (TagResource, UntagResource). */
    ObjectNode handle(Request request);

    /** Where the action runs and when its answer may leave. */
    enum Execution {
        /** Reads a bounded amount (at most a 1 MB page): runs on the network thread and answers at once. */
        READ,
        /**
         * Reads and writes items but never waits on I/O (item writes return before their WAL sync): runs on
         * the network thread, and the answer leaves once everything written before it is durable.
         */
        ITEM_WRITE,
        /** May wait on I/O (table changes sync their writes themselves): runs on a worker thread. */
        BLOCKING
    }

    default Execution execution() {
        return Execution.BLOCKING;
    }
}
