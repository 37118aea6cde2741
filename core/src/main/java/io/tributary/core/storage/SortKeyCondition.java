package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;

/** The sort key half of a Query's key condition; {@code second} is only set for BETWEEN. */
public record SortKeyCondition(Op op, AttributeValue first, AttributeValue second) {
    public enum Op { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }
}
