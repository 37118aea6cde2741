package io.tributary.connect.lucene;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which field of the index is text, keyword or number: what the sink was told (per attribute, dotted
 * paths for nested maps) and what it found (a field is a number if it was ever indexed as one). Kept in the
 * index's commit data, so a search reads the index the way it was written.
 */
final class IndexSchema {
    static final String KEYWORDS = "tributary.keywords";
    static final String NUMBERS = "tributary.numbers";

    final Set<String> keywords = new java.util.concurrent.ConcurrentSkipListSet<>();
    final Set<String> numbers = new java.util.concurrent.ConcurrentSkipListSet<>();

    static IndexSchema read(Map<String, String> commitData) {
        IndexSchema s = new IndexSchema();
        split(commitData.get(KEYWORDS), s.keywords);
        split(commitData.get(NUMBERS), s.numbers);
        return s;
    }

    Map<String, String> commitData() {
        Map<String, String> m = new HashMap<>();
        m.put(KEYWORDS, String.join("\n", keywords));
        m.put(NUMBERS, String.join("\n", numbers));
        return m;
    }

    private static void split(String text, Set<String> into) {
        if (text == null || text.isEmpty()) return;
        for (String s : text.split("\n")) into.add(s);
    }
}
