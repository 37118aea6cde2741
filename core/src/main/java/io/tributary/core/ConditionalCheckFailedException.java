package io.tributary.core;

import io.tributary.core.model.AttributeValue;

import java.util.Map;

/** A condition that did not hold; carries the item as it was, for ReturnValuesOnConditionCheckFailure. */
public final class ConditionalCheckFailedException extends TributaryException {
    private final Map<String, AttributeValue> item;

    public ConditionalCheckFailedException(Map<String, AttributeValue> item) {
        super("ConditionalCheckFailedException", "The conditional request failed");
        this.item = item;
    }

    /** The item before the failed write, or null if it did not exist. */
    public Map<String, AttributeValue> item() {
        return item;
    }
}
