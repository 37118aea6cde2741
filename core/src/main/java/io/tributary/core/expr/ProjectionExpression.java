package io.tributary.core.expr;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A set of document paths, and the part of an item they select (list elements keep their order, compacted). */
public final class ProjectionExpression {
    private final List<DocumentPath> paths;
    private final Node root = new Node();

    public ProjectionExpression(List<DocumentPath> paths) {
        this.paths = List.copyOf(paths);
        for (DocumentPath p : paths) {
            Node n = root;
            for (PathElement e : p.elements()) {
                n = e.isIndex() ? n.indexes.computeIfAbsent(e.index(), i -> new Node())
                        : n.names.computeIfAbsent(e.name(), k -> new Node());
            }
            n.whole = true;
        }
    }

    public List<DocumentPath> paths() {
        return paths;
    }

    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        if (item == null) return out;
        for (Map.Entry<String, Node> e : root.names.entrySet()) {
            AttributeValue v = item.get(e.getKey());
            if (v == null) continue;
            AttributeValue projected = project(v, e.getValue());
            if (projected != null) out.put(e.getKey(), projected);
        }
        return out;
    }

    private static AttributeValue project(AttributeValue v, Node node) {
        if (node.whole) return v;
        if (!node.names.isEmpty() && v.type() == AttributeType.M) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : node.names.entrySet()) {
                AttributeValue child = v.m().get(e.getKey());
                if (child == null) continue;
                AttributeValue projected = project(child, e.getValue());
                if (projected != null) out.put(e.getKey(), projected);
            }
            return out.isEmpty() ? null : AttributeValue.m(out);
        }
        if (!node.indexes.isEmpty() && v.type() == AttributeType.L) {
            List<AttributeValue> out = new ArrayList<>();
            for (Map.Entry<Integer, Node> e : node.indexes.entrySet()) {
                if (e.getKey() >= v.l().size()) continue;
                AttributeValue projected = project(v.l().get(e.getKey()), e.getValue());
                if (projected != null) out.add(projected);
            }
            return out.isEmpty() ? null : AttributeValue.l(out);
        }
        return null;
    }

    private static final class Node {
        final Map<String, Node> names = new LinkedHashMap<>();
        final TreeMap<Integer, Node> indexes = new TreeMap<>();
        boolean whole;
    }
}
