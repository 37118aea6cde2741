package io.tributary.core.expr;

import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Numbers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed UpdateExpression. Every operand reads the item as it was before the update, as in DynamoDB. */
public final class UpdateExpression {
    private record SetAction(DocumentPath path, Operand value) {}

    private record ValueAction(DocumentPath path, AttributeValue value) {}

    private final List<SetAction> sets;
    private final List<DocumentPath> removes;
    private final List<ValueAction> adds;
    private final List<ValueAction> deletes;
    private final List<DocumentPath> targets;
    private final boolean legacy;

    private UpdateExpression(Builder b) {
        this.legacy = b.kind.equals("AttributeUpdates");
        this.sets = b.sets;
        this.removes = b.removes;
        this.adds = b.adds;
        this.deletes = b.deletes;
        this.targets = b.targets;
    }

    /** One entry of the legacy AttributeUpdates parameter: PUT, DELETE (value null: the whole attribute) or ADD. */
    public record AttributeUpdate(String attribute, String action, AttributeValue value) {}

    /** The legacy AttributeUpdates as the equivalent SET, REMOVE, ADD and DELETE actions on top-level attributes. */
    public static UpdateExpression ofAttributeUpdates(List<AttributeUpdate> updates) {
        Builder b = new Builder("AttributeUpdates");
        for (AttributeUpdate u : updates) {
            DocumentPath path = DocumentPath.of(u.attribute());
            switch (u.action()) {
                case "PUT" -> b.set(path, new Operand.Literal(u.value()));
                case "ADD" -> b.add(path, u.value());
                case "DELETE" -> {
                    if (u.value() == null) b.remove(path);
                    else b.delete(path, u.value());
                }
                default -> throw new IllegalArgumentException(u.action());
            }
        }
        return new UpdateExpression(b);
    }

    /** Every path the expression writes or removes. */
    public List<DocumentPath> targets() {
        return targets;
    }

    /**
     * The item after the update; {@code old} may be null (the update creates the item, unless it only
     * removes or deletes: then, as in DynamoDB, the result is null and nothing is written).
     */
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> old, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> before = old != null ? old : key;
        List<SetAction> ordered = new ArrayList<>(sets);
        // Several indexes past a list's end are appended in ascending index order, whatever order they were written in.
        ordered.sort(Comparator.comparingInt(s -> s.path().get(s.path().length() - 1).index()));
        List<AttributeValue> setValues = new ArrayList<>(ordered.size());
        for (SetAction s : ordered) setValues.add(Operand.required(s.value(), before));

        Map<String, AttributeValue> item = new LinkedHashMap<>(before);
        for (int i = 0; i < ordered.size(); i++) {
            write(item, ordered.get(i).path(), setValues.get(i));
        }
        for (ValueAction a : adds) {
            AttributeValue existing = a.path().read(before);
            write(item, a.path(), existing == null ? a.value() : add(existing, a.value()));
        }
        for (ValueAction d : deletes) {
            AttributeValue existing = d.path().read(before);
            if (existing == null) continue;
            AttributeValue remaining = subtract(existing, d.value());
            if (remaining == null) remove(item, d.path());
            else write(item, d.path(), remaining);
        }
        // Later list indexes first, so that removing [1] and [3] removes what the client named.
        List<DocumentPath> removing = new ArrayList<>(removes);
        removing.sort(Comparator.comparingInt((DocumentPath p) -> p.get(p.length() - 1).index()).reversed());
        for (DocumentPath p : removing) remove(item, p);
        boolean onlyTakesAway = sets.isEmpty() && adds.isEmpty() && (!removes.isEmpty() || !deletes.isEmpty());
        return old == null && onlyTakesAway ? null : item;
    }

    private AttributeValue add(AttributeValue existing, AttributeValue value) {
        if (existing.type() != value.type()) throw mismatch();
        if (existing.type() == AttributeType.N) return AttributeValue.n(Numbers.add(existing.n(), value.n()));
        if (existing.type() == AttributeType.L) {
            List<AttributeValue> appended = new ArrayList<>(existing.l());
            appended.addAll(value.l());
            return AttributeValue.l(appended);
        }
        List<Object> members = existing.setMembers();
        Set<Object> seen = new HashSet<>(comparable(existing));
        for (Object m : value.setMembers()) {
            if (seen.add(comparable(m))) members.add(m);
        }
        return AttributeValue.setOf(existing.type(), members);
    }

    private AttributeValue subtract(AttributeValue existing, AttributeValue value) {
        if (existing.type() != value.type()) throw mismatch();
        Set<Object> removed = new HashSet<>(comparable(value));
        List<Object> members = new ArrayList<>();
        for (Object m : existing.setMembers()) {
            if (!removed.contains(comparable(m))) members.add(m);
        }
        return members.isEmpty() ? null : AttributeValue.setOf(existing.type(), members);
    }

    private TributaryException mismatch() {
        return legacy ? TributaryException.validation("Type mismatch for attribute to update") : Errors.wrongDataType();
    }

    private static List<Object> comparable(AttributeValue set) {
        List<Object> out = new ArrayList<>();
        for (Object m : set.setMembers()) out.add(comparable(m));
        return out;
    }

    private static Object comparable(Object member) {
        return member instanceof java.math.BigDecimal d ? (d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros()) : member;
    }

    private static void write(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        String top = path.topLevelName();
        if (path.length() == 1) {
            item.put(top, value);
            return;
        }
        AttributeValue root = item.get(top);
        if (root == null) throw Errors.invalidUpdatePath();
        item.put(top, writeInto(root, path, 1, value));
    }

    private static AttributeValue writeInto(AttributeValue container, DocumentPath path, int depth, AttributeValue value) {
        PathElement e = path.get(depth);
        boolean last = depth == path.length() - 1;
        if (e.isIndex()) {
            if (container.type() != AttributeType.L) throw Errors.invalidUpdatePath();
            List<AttributeValue> list = new ArrayList<>(container.l());
            if (last) {
                if (e.index() < list.size()) list.set(e.index(), value);
                else list.add(value);
            } else {
                if (e.index() >= list.size()) throw Errors.invalidUpdatePath();
                list.set(e.index(), writeInto(list.get(e.index()), path, depth + 1, value));
            }
            return AttributeValue.l(list);
        }
        if (container.type() != AttributeType.M) throw Errors.invalidUpdatePath();
        Map<String, AttributeValue> map = new LinkedHashMap<>(container.m());
        if (last) {
            map.put(e.name(), value);
        } else {
            AttributeValue child = map.get(e.name());
            if (child == null) throw Errors.invalidUpdatePath();
            map.put(e.name(), writeInto(child, path, depth + 1, value));
        }
        return AttributeValue.m(map);
    }

    private static void remove(Map<String, AttributeValue> item, DocumentPath path) {
        String top = path.topLevelName();
        if (path.length() == 1) {
            item.remove(top);
            return;
        }
        AttributeValue root = item.get(top);
        if (root == null) throw Errors.invalidUpdatePath();
        AttributeValue updated = removeFrom(root, path, 1);
        if (updated != null) item.put(top, updated);
    }

    /**
     * The container without the path's target, or null when there was nothing to remove (the last element
     * absent); a missing or mistyped container on the way is AWS's invalid-path error.
     */
    private static AttributeValue removeFrom(AttributeValue container, DocumentPath path, int depth) {
        PathElement e = path.get(depth);
        boolean last = depth == path.length() - 1;
        if (e.isIndex()) {
            if (container.type() != AttributeType.L) throw Errors.invalidUpdatePath();
            if (e.index() >= container.l().size()) {
                if (last) return null;
                throw Errors.invalidUpdatePath();
            }
            List<AttributeValue> list = new ArrayList<>(container.l());
            if (last) {
                list.remove(e.index());
            } else {
                AttributeValue child = removeFrom(list.get(e.index()), path, depth + 1);
                if (child == null) return null;
                list.set(e.index(), child);
            }
            return AttributeValue.l(list);
        }
        if (container.type() != AttributeType.M) throw Errors.invalidUpdatePath();
        if (!container.m().containsKey(e.name())) {
            if (last) return null;
            throw Errors.invalidUpdatePath();
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>(container.m());
        if (last) {
            map.remove(e.name());
        } else {
            AttributeValue child = removeFrom(map.get(e.name()), path, depth + 1);
            if (child == null) return null;
            map.put(e.name(), child);
        }
        return AttributeValue.m(map);
    }

    static final class Builder {
        private final String kind;
        private final Set<String> sections = new HashSet<>();
        private final List<SetAction> sets = new ArrayList<>();
        private final List<DocumentPath> removes = new ArrayList<>();
        private final List<ValueAction> adds = new ArrayList<>();
        private final List<ValueAction> deletes = new ArrayList<>();
        private final List<DocumentPath> targets = new ArrayList<>();

        Builder(String kind) {
            this.kind = kind;
        }

        void beginSection(String name) {
            if (!sections.add(name)) {
                throw Errors.invalid(kind, "The \"" + name + "\" section can only be used once in an update expression;");
            }
        }

        void set(DocumentPath path, Operand value) {
            sets.add(new SetAction(path, value));
            targets.add(path);
        }

        void remove(DocumentPath path) {
            removes.add(path);
            targets.add(path);
        }

        void add(DocumentPath path, AttributeValue value) {
            adds.add(new ValueAction(path, value));
            targets.add(path);
        }

        void delete(DocumentPath path, AttributeValue value) {
            deletes.add(new ValueAction(path, value));
            targets.add(path);
        }

        UpdateExpression build() {
            PathOverlap.check(kind, targets);
            return new UpdateExpression(this);
        }
    }
}
