package io.tributary.core.expr;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Something that yields a value from an item: a path, a literal, or a function of those. */
public sealed interface Operand {
    /** The value, or null when it does not exist in the item. */
    AttributeValue evaluate(Map<String, AttributeValue> item);

    record Path(DocumentPath path) implements Operand {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return path.read(item);
        }
    }

    record Literal(AttributeValue value) implements Operand {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }
    }

    /**
     * size() of a path or of a value: length of a string or binary, member count of a set, list or map (a value's
     * type was checked when the expression was parsed).
     */
    record Size(Operand operand) implements Operand {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue v = operand.evaluate(item);
            if (v == null) return null;
            return switch (v.type()) {
                case S -> AttributeValue.n(v.s().codePointCount(0, v.s().length()));
                case B -> AttributeValue.n(v.b().length());
                case SS, NS, BS -> AttributeValue.n(v.setMembers().size());
                case L -> AttributeValue.n(v.l().size());
                case M -> AttributeValue.n(v.m().size());
                default -> null;
            };
        }
    }

    /** Update operands read the item before the update; a missing path there is an error, not a null. */
    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue v = path.read(item);
            return v != null ? v : required(fallback, item);
        }
    }

    record ListAppend(Operand first, Operand second) implements Operand {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = required(first, item), b = required(second, item);
            if (a.type() != AttributeType.L || b.type() != AttributeType.L) throw Errors.wrongDataType();
            List<AttributeValue> joined = new ArrayList<>(a.l());
            joined.addAll(b.l());
            return AttributeValue.l(joined);
        }
    }

    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = required(left, item), b = required(right, item);
            if (a.type() != AttributeType.N || b.type() != AttributeType.N) throw Errors.wrongDataType();
            return AttributeValue.n(plus ? Numbers.add(a.n(), b.n()) : Numbers.subtract(a.n(), b.n()));
        }
    }

    static AttributeValue required(Operand operand, Map<String, AttributeValue> item) {
        AttributeValue v = operand.evaluate(item);
        if (v == null) throw Errors.missingAttribute();
        return v;
    }
}
