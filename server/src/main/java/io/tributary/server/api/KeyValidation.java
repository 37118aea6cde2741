package io.tributary.server.api;

import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.IndexDefinition;
import io.tributary.core.model.KeyElement;
import io.tributary.core.model.TableDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/** The checks DynamoDB makes on a Key member and on the key attributes of a whole item. */
final class KeyValidation {

    private KeyValidation() {}

    /** A Key member (GetItem, UpdateItem, DeleteItem): exactly the key attributes, of the right types. */
    static Map<String, AttributeValue> key(TableDefinition table, Map<String, AttributeValue> key) {
        if (key == null) {
            throw TributaryException.validation("1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null");
        }
        if (key.size() != table.keyElements().size()) throw mismatch();
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (KeyElement k : table.keyElements()) {
            AttributeValue v = key.get(k.name());
            if (v == null || v.type() != k.type()) throw mismatch();
            checkValue(k, v, table);
            out.put(k.name(), v);
        }
        return out;
    }

    /** The key of a whole item (PutItem): present, of the right type, not empty, not too large. */
    static Map<String, AttributeValue> keyOfItem(TableDefinition table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (KeyElement k : table.keyElements()) {
            AttributeValue v = item.get(k.name());
            if (v == null) {
                throw AwsMessages.invalidParameter("Missing the key "
                        + k.name() + " in the item");
            }
            if (v.type() != k.type()) {
                throw AwsMessages.invalidParameter("Type mismatch for key "
                        + k.name() + " expected: " + k.type() + " actual: " + v.type());
            }
            checkValue(k, v, table);
            out.put(k.name(), v);
        }
        return out;
    }

    /** Index key attributes an item carries must have the index's declared type and not be empty. */
    static void indexKeys(TableDefinition table, Map<String, AttributeValue> item) {
        for (IndexDefinition index : table.indexes()) {
            for (KeyElement k : index.keyElements()) {
                AttributeValue v = item.get(k.name());
                if (v == null) continue;
                if (v.type() != k.type()) {
                    throw AwsMessages.invalidParameter("Type mismatch for Index Key "
                            + k.name() + " Expected: " + k.type() + " Actual: " + v.type() + " IndexName: " + index.name());
                }
                if ((v.type() == AttributeType.S && v.s().isEmpty()) || (v.type() == AttributeType.B && v.b().length() == 0)) {
                    throw TributaryException.validation("One or more parameter values are not valid. A value specified for a secondary "
                            + "index key is not supported. The AttributeValue for a key attribute cannot contain an empty "
                            + (v.type() == AttributeType.S ? "string" : "binary") + " value. IndexName: " + index.name()
                            + ", IndexKey: " + k.name());
                }
            }
        }
    }

    private static void checkValue(KeyElement k, AttributeValue v, TableDefinition table) {
        if (v.type() == AttributeType.S && v.s().isEmpty()) {
            throw TributaryException.validation("One or more parameter values are not valid. The AttributeValue for a key attribute "
                    + "cannot contain an empty string value. Key: " + k.name());
        }
        if (v.type() == AttributeType.B && v.b().length() == 0) {
            throw TributaryException.validation("One or more parameter values are not valid. The AttributeValue for a key attribute "
                    + "cannot contain an empty binary value. Key: " + k.name());
        }
        int size = v.size();
        boolean isHash = k.name().equals(table.hashKey().name());
        if (isHash && size > IndexDefinition.MAX_HASH_KEY_BYTES) {
            throw AwsMessages.invalidParameter("Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (!isHash && size > IndexDefinition.MAX_RANGE_KEY_BYTES) {
            throw AwsMessages.invalidParameter("Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }

    private static TributaryException mismatch() {
        return TributaryException.validation("The provided key element does not match the schema");
    }
}
