package io.tributary.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A sink in memory for tests: the latest image per key (version-checked like a real sink) and every change it was handed. */
final class CollectingSink implements Sink {
    private final Map<String, Map<String, Object>> items = new HashMap<>();
    private final Map<String, String> versions = new HashMap<>();
    private final List<ChangeEvent> received = new ArrayList<>();
    private final Predicate<ChangeEvent> failOn;

    CollectingSink() {
        this(e -> false);
    }

    CollectingSink(Predicate<ChangeEvent> failOn) {
        this.failOn = failOn;
    }

    @Override
    public synchronized void apply(List<ChangeEvent> changes) {
        for (ChangeEvent e : changes) {
            if (failOn.test(e)) throw new IllegalStateException("refused " + e.keys());
        }
        for (ChangeEvent e : changes) {
            received.add(e);
            String key = e.keyJson();
            String applied = versions.get(key);
            if (applied != null && SequenceNumbers.compare(applied, e.sequenceNumber()) >= 0) continue;
            versions.put(key, e.sequenceNumber());
            if (e.eventName() == EventName.REMOVE) items.remove(key);
            else items.put(key, e.newImage());
        }
    }

    synchronized Map<String, Map<String, Object>> items() {
        return new HashMap<>(items);
    }

    synchronized List<ChangeEvent> received() {
        return new ArrayList<>(received);
    }
}
