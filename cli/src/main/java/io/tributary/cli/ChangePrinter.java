package io.tributary.cli;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.EventName;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Prints changes for people (event, sequence number, keys, what changed) or as JSON lines
 * ({@link EventJson#event} with typed images, so the output can be fed back to any DynamoDB tool).
 */
final class ChangePrinter {
    private final PrintWriter out;
    private final boolean json;

    ChangePrinter(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void print(ChangeEvent e) {
        if (json) {
            out.println(EventJson.event(e, true));
            return;
        }
        StringBuilder line = new StringBuilder();
        line.append(String.format("%-6s %s %s", e.eventName(), e.sequenceNumber(), render(e.keys())));
        Map<String, Object> oldImage = e.oldImage() != null ? e.oldImage() : Map.of();
        Map<String, Object> newImage = e.newImage() != null ? e.newImage() : Map.of();
        StringJoiner changes = new StringJoiner(", ");
        TreeSet<String> names = new TreeSet<>(oldImage.keySet());
        names.addAll(newImage.keySet());
        for (String name : names) {
            if (e.keys().containsKey(name)) continue;
            boolean before = oldImage.containsKey(name), after = newImage.containsKey(name);
            if (before && after && !Objects.equals(oldImage.get(name), newImage.get(name))) {
                changes.add(name + ": " + render(oldImage.get(name)) + " -> " + render(newImage.get(name)));
            } else if (!before && after) {
                changes.add((e.eventName() == EventName.INSERT ? "" : "+") + name + "=" + render(newImage.get(name)));
            } else if (before && !after && e.newImage() != null) {
                changes.add("-" + name);
            }
        }
        if (changes.length() > 0) line.append("  ").append(changes);
        out.println(line);
    }

    static String render(Map<String, Object> item) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        new TreeSet<>(item.keySet()).forEach(k -> j.add(k + "=" + render(item.get(k))));
        return j.toString();
    }

    @SuppressWarnings("unchecked")
    static String render(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return '"' + s + '"';
        if (v instanceof BigDecimal n) return n.toPlainString();
        if (v instanceof ByteBuffer b) return "b64:" + b.remaining() + "B";
        if (v instanceof Map<?, ?> m) return render((Map<String, Object>) m);
        if (v instanceof Collection<?> c) return c.stream().map(ChangePrinter::render).toList().toString();
        return v.toString();
    }
}
