package io.tributary.server.api;

import io.tributary.core.TributaryException;
import io.tributary.core.expr.Condition;
import io.tributary.core.expr.Operand;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.KeyElement;
import io.tributary.core.storage.SortKeyCondition;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parsed KeyConditionExpression into what a range read needs: the partition key value and an
 * optional condition on the sort key, rejecting everything DynamoDB rejects in a key condition.
 */
final class KeyConditions {
    record KeyQuery(AttributeValue partition, SortKeyCondition sort) {}

    private KeyConditions() {}

    static KeyQuery analyse(Condition condition, KeyElement hash, KeyElement range) {
        List<Condition> parts = new ArrayList<>();
        flatten(condition, parts);
        AttributeValue partition = null;
        SortKeyCondition sort = null;
        for (Condition part : parts) {
            String attribute = keyAttribute(part);
            if (attribute.equals(hash.name())) {
                if (partition != null) throw onePerKey();
                if (!(part instanceof Condition.Compare c) || c.op() != Condition.Comparator.EQ) throw notSupported();
                partition = literal(c.left() instanceof Operand.Path ? c.right() : c.left(), hash);
            } else if (range != null && attribute.equals(range.name())) {
                if (sort != null) throw onePerKey();
                sort = sortCondition(part, range);
            } else {
                throw notSupported();
            }
        }
        if (partition == null) {
            throw TributaryException.validation("Query condition missed key schema element: " + hash.name());
        }
        return new KeyQuery(partition, sort);
    }

    /** A Query's filter may not test the key attributes its key condition already fixed or bounded. */
    static void requireNonKeyFilter(Condition filter, KeyElement hash, KeyElement range) {
        if (filter == null) return;
        List<String> names = new ArrayList<>();
        collectNames(filter, names);
        for (KeyElement k : range == null ? List.of(hash) : List.of(hash, range)) {
            if (names.contains(k.name())) {
                throw TributaryException.validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                        + k.name());
            }
        }
    }

    private static void collectNames(Condition c, List<String> out) {
        if (c instanceof Condition.And a) {
            collectNames(a.left(), out);
            collectNames(a.right(), out);
        } else if (c instanceof Condition.Or o) {
            collectNames(o.left(), out);
            collectNames(o.right(), out);
        } else if (c instanceof Condition.Not n) {
            collectNames(n.inner(), out);
        } else if (c instanceof Condition.Compare cmp) {
            collectNames(cmp.left(), out);
            collectNames(cmp.right(), out);
        } else if (c instanceof Condition.Between b) {
            collectNames(b.value(), out);
        } else if (c instanceof Condition.In in) {
            collectNames(in.value(), out);
        } else if (c instanceof Condition.Exists e) {
            out.add(e.path().topLevelName());
        } else if (c instanceof Condition.HasType t) {
            collectNames(t.operand(), out);
        } else if (c instanceof Condition.BeginsWith b) {
            collectNames(b.value(), out);
        } else if (c instanceof Condition.Contains ct) {
            collectNames(ct.container(), out);
        }
    }

    private static void collectNames(Operand o, List<String> out) {
        if (o instanceof Operand.Path p) out.add(p.path().topLevelName());
        if (o instanceof Operand.Size s) collectNames(s.operand(), out);
    }

    private static void flatten(Condition c, List<Condition> out) {
        if (c instanceof Condition.And and) {
            flatten(and.left(), out);
            flatten(and.right(), out);
            return;
        }
        String operator = null;
        if (c instanceof Condition.Or) operator = "OR";
        else if (c instanceof Condition.Not) operator = "NOT";
        else if (c instanceof Condition.In) operator = "IN";
        else if (c instanceof Condition.Compare cmp && cmp.op() == Condition.Comparator.NE) operator = "<>";
        else if (c instanceof Condition.Exists e) operator = e.shouldExist() ? "attribute_exists" : "attribute_not_exists";
        else if (c instanceof Condition.HasType) operator = "attribute_type";
        else if (c instanceof Condition.Contains) operator = "contains";
        if (operator != null) {
            throw TributaryException.validation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: " + operator);
        }
        out.add(c);
    }

    /** The top-level attribute a key condition part is about; its other operands must be values. */
    private static String keyAttribute(Condition part) {
        Operand subject;
        if (part instanceof Condition.Compare c) subject = c.left() instanceof Operand.Path ? c.left() : c.right();
        else if (part instanceof Condition.Between b) subject = b.value();
        else if (part instanceof Condition.BeginsWith b) subject = b.value();
        else throw notSupported();
        if (!(subject instanceof Operand.Path p)) {
            throw TributaryException.validation("Invalid KeyConditionExpression: The expression does not contain a key attribute; "
                    + "key condition: " + part);
        }
        if (p.path().length() != 1) {
            throw TributaryException.validation("Invalid KeyConditionExpression: Key attributes must not be nested; "
                    + "attribute: " + p.path().topLevelName());
        }
        return p.path().topLevelName();
    }

    private static SortKeyCondition sortCondition(Condition part, KeyElement range) {
        if (part instanceof Condition.Compare c) {
            boolean flipped = !(c.left() instanceof Operand.Path);
            AttributeValue v = literal(flipped ? c.left() : c.right(), range);
            SortKeyCondition.Op op = switch (flipped ? mirror(c.op()) : c.op()) {
                case EQ -> SortKeyCondition.Op.EQ;
                case LT -> SortKeyCondition.Op.LT;
                case LE -> SortKeyCondition.Op.LE;
                case GT -> SortKeyCondition.Op.GT;
                case GE -> SortKeyCondition.Op.GE;
                case NE -> throw notSupported();
            };
            return new SortKeyCondition(op, v, null);
        }
        if (part instanceof Condition.Between b) {
            return new SortKeyCondition(SortKeyCondition.Op.BETWEEN, literal(b.low(), range), literal(b.high(), range));
        }
        if (part instanceof Condition.BeginsWith b) {
            AttributeValue prefix = literal(b.prefix(), range);
            if (range.type() == AttributeType.N) throw notSupported();
            return new SortKeyCondition(SortKeyCondition.Op.BEGINS_WITH, prefix, null);
        }
        throw notSupported();
    }

    private static Condition.Comparator mirror(Condition.Comparator op) {
        return switch (op) {
            case LT -> Condition.Comparator.GT;
            case LE -> Condition.Comparator.GE;
            case GT -> Condition.Comparator.LT;
            case GE -> Condition.Comparator.LE;
            default -> op;
        };
    }

    private static AttributeValue literal(Operand operand, KeyElement key) {
        if (!(operand instanceof Operand.Literal l)) throw notSupported();
        if (l.value().type() != key.type()) {
            throw AwsMessages.invalidParameter("Condition parameter type does not match schema type");
        }
        return l.value();
    }

    private static TributaryException notSupported() {
        return TributaryException.validation("Query key condition not supported");
    }

    private static TributaryException onePerKey() {
        return TributaryException.validation("KeyConditionExpressions must only contain one condition per key");
    }
}
