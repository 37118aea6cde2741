package io.tributary.core.expr;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A parsed condition (ConditionExpression, FilterExpression), evaluated against an item. */
public sealed interface Condition {
    boolean test(Map<String, AttributeValue> item);

    enum Comparator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }
    }

    record Compare(Operand left, Comparator op, Operand right) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue a = left.evaluate(item), b = right.evaluate(item);
            if (op == Comparator.EQ) return a != null && a.equals(b);
            if (op == Comparator.NE) return a == null || !a.equals(b);
            if (a == null || b == null) return false;
            Integer c = compare(a, b);
            if (c == null) return false;
            return switch (op) {
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                default -> throw new IllegalStateException();
            };
        }
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item), lo = low.evaluate(item), hi = high.evaluate(item);
            if (v == null || lo == null || hi == null) return false;
            Integer c1 = compare(lo, v), c2 = compare(v, hi);
            return c1 != null && c2 != null && c1 <= 0 && c2 <= 0;
        }
    }

    record In(Operand value, List<Operand> candidates) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item);
            if (v == null) return false;
            for (Operand c : candidates) {
                if (v.equals(c.evaluate(item))) return true;
            }
            return false;
        }
    }

    record And(Condition left, Condition right) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) && right.test(item);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) || right.test(item);
        }
    }

    record Not(Condition inner) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            return !inner.test(item);
        }
    }

    record Exists(DocumentPath path, boolean shouldExist) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            return (path.read(item) != null) == shouldExist;
        }
    }

    record HasType(Operand operand, AttributeType type) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = operand.evaluate(item);
            return v != null && v.type() == type;
        }
    }

    record BeginsWith(Operand value, Operand prefix) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item), p = prefix.evaluate(item);
            if (v == null || p == null || v.type() != p.type()) return false;
            if (v.type() == AttributeType.S) return v.s().startsWith(p.s());
            if (v.type() == AttributeType.B) return v.b().startsWith(p.b());
            return false;
        }
    }

    record Contains(Operand container, Operand element) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue c = container.evaluate(item), e = element.evaluate(item);
            if (c == null || e == null) return false;
            return switch (c.type()) {
                case S -> e.type() == AttributeType.S && c.s().contains(e.s());
                case B -> e.type() == AttributeType.B && c.b().contains(e.b());
                case SS -> e.type() == AttributeType.S && c.ss().contains(e.s());
                case BS -> e.type() == AttributeType.B && c.bs().contains(e.b());
                case NS -> e.type() == AttributeType.N && c.ns().stream().anyMatch(n -> n.compareTo(e.n()) == 0);
                case L -> c.l().contains(e);
                default -> false;
            };
        }
    }

    /** DynamoDB's ordering of two values of one scalar type, or null when they cannot be ordered. */
    static Integer compare(AttributeValue a, AttributeValue b) {
        if (a.type() != b.type()) return null;
        return switch (a.type()) {
            case N -> a.n().compareTo(b.n());
            case S -> Arrays.compareUnsigned(a.s().getBytes(StandardCharsets.UTF_8), b.s().getBytes(StandardCharsets.UTF_8));
            case B -> a.b().compareTo(b.b());
            default -> null;
        };
    }

    static boolean isOrderable(AttributeValue v) {
        return v.type() == AttributeType.N || v.type() == AttributeType.S || v.type() == AttributeType.B;
    }

}
