package io.tributary.server.api;

import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.IndexDefinition;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.TableDefinition;
import io.tributary.core.storage.Database;
import io.tributary.core.storage.ItemKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a Query or Scan reads: a table, or one of its secondary indexes. */
record ReadTarget(TableDefinition table, IndexDefinition index) {

    /** For Query and Scan, which may not ask a global index for a consistent read. */
    static ReadTarget resolve(Database db, String tableName, String indexName, boolean consistent) {
        ReadTarget target = resolve(db, tableName, indexName);
        if (consistent && target.index() != null && target.index().global()) {
            throw TributaryException.validation("Consistent reads are not supported on global secondary indexes");
        }
        return target;
    }

    static ReadTarget resolve(Database db, String tableName, String indexName) {
        TableDefinition table = Tables.itemTarget(db, tableName);
        if (indexName == null) return new ReadTarget(table, null);
        IndexDefinition index = table.index(indexName).orElseThrow(() ->
                TributaryException.validation("The table does not have the specified index: " + indexName));
        return new ReadTarget(table, index);
    }

    long spaceId() {
        return index == null ? table.id() : index.id();
    }

    KeyElement hashKey() {
        return index == null ? table.hashKey() : index.hashKey();
    }

    KeyElement rangeKey() {
        return index == null ? table.rangeKey() : index.rangeKey();
    }

    /** The attributes that make up an entry's position: the index key, then the table key. */
    List<KeyElement> positionKeys() {
        List<KeyElement> keys = new ArrayList<>();
        if (index != null) keys.addAll(index.keyElements());
        for (KeyElement k : table.keyElements()) {
            if (keys.stream().noneMatch(e -> e.name().equals(k.name()))) keys.add(k);
        }
        return keys;
    }

    /** LastEvaluatedKey of an entry. */
    Map<String, AttributeValue> lastKey(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (KeyElement k : positionKeys()) key.put(k.name(), item.get(k.name()));
        return key;
    }

    /** An ExclusiveStartKey as the entry key to continue after, checked against the key schema. */
    byte[] startKey(Map<String, AttributeValue> exclusiveStartKey) {
        if (exclusiveStartKey == null) return null;
        List<KeyElement> keys = positionKeys();
        if (exclusiveStartKey.size() != keys.size()) throw invalidStart();
        for (KeyElement k : keys) {
            AttributeValue v = exclusiveStartKey.get(k.name());
            if (v == null || v.type() != k.type()) throw invalidStart();
        }
        return index == null ? ItemKeys.encode(table, exclusiveStartKey) : ItemKeys.indexEntry(table, index, exclusiveStartKey);
    }

    private static TributaryException invalidStart() {
        return TributaryException.validation("The provided starting key is invalid: The provided key element does not match the schema");
    }
}
