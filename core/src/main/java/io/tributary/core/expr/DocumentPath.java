package io.tributary.core.expr;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;

import java.util.List;
import java.util.Map;

/** A resolved document path such as {@code a.b[2].c}, and reading it from an item. */
public record DocumentPath(List<PathElement> elements) {
    public DocumentPath {
        elements = List.copyOf(elements);
    }

    public static DocumentPath of(String topLevelName) {
        return new DocumentPath(List.of(PathElement.name(topLevelName)));
    }

    public String topLevelName() {
        return elements.get(0).name();
    }

    public int length() {
        return elements.size();
    }

    public PathElement get(int i) {
        return elements.get(i);
    }

    /** The value at this path, or null when any step is missing or of the wrong type. */
    public AttributeValue read(Map<String, AttributeValue> item) {
        if (item == null) return null;
        AttributeValue current = item.get(elements.get(0).name());
        for (int i = 1; i < elements.size() && current != null; i++) {
            current = step(current, elements.get(i));
        }
        return current;
    }

    static AttributeValue step(AttributeValue v, PathElement e) {
        if (e.isIndex()) {
            if (v.type() != AttributeType.L || e.index() >= v.l().size()) return null;
            return v.l().get(e.index());
        }
        return v.type() == AttributeType.M ? v.m().get(e.name()) : null;
    }

    /** How AWS prints a path in overlap errors: {@code [a, b, [2]]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(elements.get(i));
        }
        return sb.append(']').toString();
    }
}
