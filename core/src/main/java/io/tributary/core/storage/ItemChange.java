package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;

import java.util.Map;

/** The item before and after a write (either may be null); {@code written} is false for a write that changed nothing. */
public record ItemChange(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem, boolean written) {}
