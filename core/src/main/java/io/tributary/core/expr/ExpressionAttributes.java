package io.tributary.core.expr;

import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeValue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, and which of them its expressions
 * used, so that undefined and unused ones are rejected as DynamoDB rejects them.
 */
public final class ExpressionAttributes {
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new TreeSet<>();
    private final Set<String> usedValues = new TreeSet<>();

    public ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names == null ? Map.of() : names;
        this.values = values == null ? Map.of() : values;
    }

    public static ExpressionAttributes none() {
        return new ExpressionAttributes(Map.of(), Map.of());
    }

    String name(String ref, String kind) {
        String name = names.get(ref);
        if (name == null) {
            throw Errors.invalid(kind, "An expression attribute name used in the document path is not defined; attribute name: " + ref);
        }
        usedNames.add(ref);
        return name;
    }

    AttributeValue value(String ref, String kind) {
        AttributeValue value = values.get(ref);
        if (value == null) {
            throw Errors.invalid(kind, "An expression attribute value used in expression is not defined; attribute value: " + ref);
        }
        usedValues.add(ref);
        return value;
    }

    /** Call once every expression of the request is parsed. */
    public void requireAllUsed() {
        Set<String> unusedNames = new TreeSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw TributaryException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new TreeSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw TributaryException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }
}
