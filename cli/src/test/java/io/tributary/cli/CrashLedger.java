package io.tributary.cli;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the crash harness's clients know happened: for every item, each state it had, in order (null: absent).
 * A write the server acknowledged appends its result; a write cut off by a kill is in doubt until, after the
 * restart, the items it touched show whether it was applied, all of it or none of it.
 */
final class CrashLedger {
    /** "table/pk" to the item's states, oldest first; the first is always null (before it existed). */
    private final Map<String, List<Map<String, AttributeValue>>> histories = new ConcurrentHashMap<>();

    static String id(String table, String pk) {
        return table + "/" + pk;
    }

    Map<String, AttributeValue> current(String id) {
        List<Map<String, AttributeValue>> h = histories.get(id);
        return h == null ? null : h.get(h.size() - 1);
    }

    /** An applied change; a write that changed nothing is not one (DynamoDB writes no stream record for it). */
    void applied(String id, Map<String, AttributeValue> state) {
        List<Map<String, AttributeValue>> h = histories.computeIfAbsent(id, k -> {
            List<Map<String, AttributeValue>> fresh = new ArrayList<>();
            fresh.add(null);
            return fresh;
        });
        if (!java.util.Objects.equals(h.get(h.size() - 1), state)) h.add(state);
    }

    Map<String, List<Map<String, AttributeValue>>> histories() {
        return histories;
    }
}
