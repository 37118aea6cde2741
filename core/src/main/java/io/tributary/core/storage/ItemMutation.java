package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;

import java.util.Map;

/**
 * What a write does to one item, decided under the item's lock from the item as it is: returns the new
 * item, or null to delete it; throws (a failed condition, a bad update) to write nothing.
 */
@FunctionalInterface
public interface ItemMutation {
    Map<String, AttributeValue> apply(Map<String, AttributeValue> current);
}
