package io.tributary.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;

/** Prints stream records for people (event, keys, what changed) or as JSON lines. */
final class ChangePrinter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;
    private final boolean json;

    ChangePrinter(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void print(Record r) {
        if (json) {
            out.println(toJson(r));
            return;
        }
        var d = r.dynamodb();
        StringBuilder line = new StringBuilder();
        line.append(String.format("%-6s %s %s", r.eventNameAsString(), d.sequenceNumber(), render(d.keys())));
        Map<String, AttributeValue> oldImage = d.hasOldImage() ? d.oldImage() : Map.of();
        Map<String, AttributeValue> newImage = d.hasNewImage() ? d.newImage() : Map.of();
        StringJoiner changes = new StringJoiner(", ");
        TreeSet<String> names = new TreeSet<>(oldImage.keySet());
        names.addAll(newImage.keySet());
        for (String name : names) {
            if (d.keys().containsKey(name)) continue;
            AttributeValue before = oldImage.get(name), after = newImage.get(name);
            if (before != null && after != null && !before.equals(after)) {
                changes.add(name + ": " + render(before) + " -> " + render(after));
            } else if (before == null && after != null) {
                changes.add((r.eventNameAsString().equals("INSERT") ? "" : "+") + name + "=" + render(after));
            } else if (before != null && after == null && d.hasNewImage()) {
                changes.add("-" + name);
            }
        }
        if (changes.length() > 0) line.append("  ").append(changes);
        out.println(line);
    }

    static String render(Map<String, AttributeValue> item) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        new TreeSet<>(item.keySet()).forEach(k -> j.add(k + "=" + render(item.get(k))));
        return j.toString();
    }

    static String render(AttributeValue v) {
        return switch (v.type()) {
            case S -> '"' + v.s() + '"';
            case N -> v.n();
            case B -> "b64:" + v.b().asByteBuffer().remaining() + "B";
            case BOOL -> v.bool().toString();
            case NUL -> "null";
            case M -> render(v.m());
            case L -> v.l().stream().map(ChangePrinter::render).toList().toString();
            case SS -> v.ss().toString();
            case NS -> v.ns().toString();
            case BS -> v.bs().size() + " binaries";
            default -> v.toString();
        };
    }

    private static String toJson(Record r) {
        ObjectNode o = JSON.createObjectNode();
        var d = r.dynamodb();
        o.put("eventID", r.eventID());
        o.put("eventName", r.eventNameAsString());
        o.put("sequenceNumber", d.sequenceNumber());
        Instant t = d.approximateCreationDateTime();
        if (t != null) o.put("approximateCreationDateTime", t.toString());
        o.set("keys", item(d.keys()));
        if (d.hasOldImage()) o.set("oldImage", item(d.oldImage()));
        if (d.hasNewImage()) o.set("newImage", item(d.newImage()));
        return o.toString();
    }

    private static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode o = JSON.createObjectNode();
        item.forEach((k, v) -> o.set(k, value(v)));
        return o;
    }

    /** DynamoDB's own JSON form of a value ({"S": "x"}), so the output can be fed back to any DynamoDB tool. */
    private static ObjectNode value(AttributeValue v) {
        ObjectNode o = JSON.createObjectNode();
        switch (v.type()) {
            case S -> o.put("S", v.s());
            case N -> o.put("N", v.n());
            case B -> o.put("B", java.util.Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case BOOL -> o.put("BOOL", v.bool());
            case NUL -> o.put("NULL", true);
            case M -> o.set("M", item(v.m()));
            case L -> {
                ArrayNode a = o.putArray("L");
                v.l().forEach(e -> a.add(value(e)));
            }
            case SS -> {
                ArrayNode a = o.putArray("SS");
                v.ss().forEach(a::add);
            }
            case NS -> {
                ArrayNode a = o.putArray("NS");
                v.ns().forEach(a::add);
            }
            case BS -> {
                ArrayNode a = o.putArray("BS");
                v.bs().forEach(b -> a.add(java.util.Base64.getEncoder().encodeToString(b.asByteArray())));
            }
            default -> o.put("UNKNOWN", v.toString());
        }
        return o;
    }
}
