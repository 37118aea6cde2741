package io.tributary.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.util.AsciiString;

/**
 * Tributary's long poll, an extension AWS clients never see: every GetRecords answer carries the header
 * {@code x-tributary-long-poll-ms} with the longest wait the server grants; a GetRecords request carrying
 * the same header with a wait in milliseconds is not answered with an empty page of an open shard until a
 * record arrives or the wait is over. A consumer on a quiet stream then sees a change at once for one
 * request a second per shard, instead of polling.
 */
final class LongPoll {
    static final AsciiString HEADER = AsciiString.cached("x-tributary-long-poll-ms");
    static final String MAX_WAIT_MILLIS = "20000";

    private LongPoll() {}

    /** The wait a request asks for, at most the server's longest; 0 without the header or with a value that is not a number. */
    static long requestedWaitMillis(String header) {
        if (header == null) return 0;
        try {
            return Math.max(0, Math.min(Long.parseLong(header.trim()), Long.parseLong(MAX_WAIT_MILLIS)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An empty page with an iterator to go on with: a closed shard read to its end is answered at once. */
    static boolean worthWaiting(ObjectNode answer) {
        JsonNode records = answer.get("Records");
        return records != null && records.isArray() && records.isEmpty() && answer.hasNonNull("NextShardIterator");
    }
}
