package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.IndexDefinition;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.TableDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a secondary index keeps of an item: its projection. */
public final class IndexEntries {
    private IndexEntries() {}

    /** The item as the index projects it: both key schemas, plus the included attributes or everything. */
    public static Map<String, AttributeValue> project(TableDefinition table, IndexDefinition index, Map<String, AttributeValue> item) {
        if (index.projectionType().equals("ALL")) return item;
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (KeyElement k : table.keyElements()) out.put(k.name(), item.get(k.name()));
        for (KeyElement k : index.keyElements()) out.put(k.name(), item.get(k.name()));
        if (index.projectionType().equals("INCLUDE")) {
            for (String a : index.nonKeyAttributes()) {
                AttributeValue v = item.get(a);
                if (v != null) out.put(a, v);
            }
        }
        return out;
    }
}
