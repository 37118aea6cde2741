package io.tributary.server.api;

import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeValue;
import io.tributary.server.json.AttributeValueJson;

import java.util.Map;

/**
 * What every item about to be written must satisfy, however it was built (PutItem, an update's result, a
 * PartiQL INSERT, a batch): 400 KB, named attributes, and at most 32 levels of nesting, so that no client's
 * parser meets a stored item deeper than DynamoDB itself would hand out.
 */
final class ItemLimits {
    static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemLimits() {}

    static void check(Map<String, AttributeValue> item, String sizeMessage) {
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            if (e.getKey().isEmpty()) throw AwsMessages.invalidParameter("Empty attribute name");
            checkNesting(e.getValue(), 1);
        }
        if (AttributeValue.itemSize(item) > MAX_ITEM_BYTES) throw TributaryException.validation(sizeMessage);
    }

    private static void checkNesting(AttributeValue value, int depth) {
        if (depth > AttributeValueJson.MAX_DEPTH) throw AttributeValueJson.tooDeep();
        switch (value.type()) {
            case L -> {
                for (AttributeValue v : value.l()) checkNesting(v, depth + 1);
            }
            case M -> {
                for (AttributeValue v : value.m().values()) checkNesting(v, depth + 1);
            }
            default -> { }
        }
    }
}
