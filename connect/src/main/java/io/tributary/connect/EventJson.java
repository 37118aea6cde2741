package io.tributary.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Change events and their values as JSON, in two forms: plain (numbers as JSON numbers, binaries as base64
 * strings, sets as arrays: what a cache or a search index stores) and typed (DynamoDB's own {"S": "x"} form,
 * which loses nothing: what a Lambda function is handed).
 */
public final class EventJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private EventJson() {}

    /**
     * The event as one JSON object: table, eventName, keys, oldImage, newImage (each image only when the
     * event has it), sequenceNumber, approximateCreationTime (ISO-8601), shardId, sizeBytes, eventId,
     * awsRegion, streamArn, viewType (each only when known). Keys and images plain, or typed when
     * {@code typedImages}: then {@link #parseEvent} gives the event back unchanged.
     */
    public static ObjectNode event(ChangeEvent e, boolean typedImages) {
        ObjectNode o = NODES.objectNode();
        o.put("table", e.table());
        o.put("eventName", e.eventName().name());
        o.set("keys", item(e.keys(), typedImages));
        if (e.oldImage() != null) o.set("oldImage", item(e.oldImage(), typedImages));
        if (e.newImage() != null) o.set("newImage", item(e.newImage(), typedImages));
        o.put("sequenceNumber", e.sequenceNumber());
        if (e.approximateCreationTime() != null) o.put("approximateCreationTime", e.approximateCreationTime().toString());
        if (e.shardId() != null) o.put("shardId", e.shardId());
        o.put("sizeBytes", e.sizeBytes());
        if (e.eventId() != null) o.put("eventId", e.eventId());
        if (e.awsRegion() != null) o.put("awsRegion", e.awsRegion());
        if (e.streamArn() != null) o.put("streamArn", e.streamArn());
        if (e.viewType() != null) o.put("viewType", e.viewType());
        return o;
    }

    /** The event that {@link #event} wrote with typed images. */
    public static ChangeEvent parseEvent(JsonNode o) {
        return new ChangeEvent(o.path("table").asText(), EventName.valueOf(o.path("eventName").asText()),
                parseItem(o.get("keys")), parseItem(o.get("oldImage")), parseItem(o.get("newImage")),
                o.path("sequenceNumber").asText(),
                o.hasNonNull("approximateCreationTime") ? java.time.Instant.parse(o.get("approximateCreationTime").asText()) : null,
                text(o, "shardId"), o.path("sizeBytes").asLong(), text(o, "eventId"), text(o, "awsRegion"),
                text(o, "streamArn"), text(o, "viewType"));
    }

    /** An item in DynamoDB's typed JSON as plain values; null stays null. */
    public static Map<String, Object> parseItem(JsonNode typedItem) {
        if (typedItem == null || typedItem.isNull()) return null;
        Map<String, Object> item = new LinkedHashMap<>();
        typedItem.fields().forEachRemaining(f -> item.put(f.getKey(), parseTyped(f.getValue())));
        return Collections.unmodifiableMap(item);
    }

    /** One value in DynamoDB's typed JSON ({"S": "x"}) as a plain value. */
    public static Object parseTyped(JsonNode v) {
        if (v == null || !v.isObject() || v.size() != 1) throw new IllegalArgumentException("not a typed DynamoDB value: " + v);
        Map.Entry<String, JsonNode> e = v.fields().next();
        JsonNode x = e.getValue();
        return switch (e.getKey()) {
            case "S" -> x.asText();
            case "N" -> new BigDecimal(x.asText());
            case "B" -> ByteBuffer.wrap(Base64.getDecoder().decode(x.asText())).asReadOnlyBuffer();
            case "BOOL" -> x.asBoolean();
            case "NULL" -> null;
            case "SS", "NS", "BS" -> {
                Set<Object> set = new LinkedHashSet<>();
                for (JsonNode m : x) set.add(parseTyped(NODES.objectNode().put(e.getKey().substring(0, 1), m.asText())));
                yield Collections.unmodifiableSet(set);
            }
            case "L" -> {
                List<Object> list = new ArrayList<>();
                for (JsonNode m : x) list.add(parseTyped(m));
                yield Collections.unmodifiableList(list);
            }
            case "M" -> parseItem(x);
            default -> throw new IllegalArgumentException("not a typed DynamoDB value: " + v);
        };
    }

    private static String text(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asText() : null;
    }

    public static ObjectNode item(Map<String, Object> item, boolean typed) {
        ObjectNode o = NODES.objectNode();
        item.forEach((name, value) -> o.set(name, typed ? typed(value) : plain(value)));
        return o;
    }

    /** A plain value as plain JSON. */
    public static JsonNode plain(Object v) {
        if (v == null) return NODES.nullNode();
        if (v instanceof String s) return NODES.textNode(s);
        if (v instanceof BigDecimal n) return NODES.numberNode(n);
        if (v instanceof Boolean b) return NODES.booleanNode(b);
        if (v instanceof ByteBuffer b) return NODES.textNode(base64(b));
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set((String) k, plain(x)));
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            c.forEach(x -> a.add(plain(x)));
            return a;
        }
        throw new IllegalArgumentException("not a plain DynamoDB value: " + v.getClass().getName());
    }

    /** A plain value in DynamoDB's typed JSON: a Set is SS, NS or BS by its members, a List is L. */
    public static JsonNode typed(Object v) {
        ObjectNode o = NODES.objectNode();
        if (v == null) o.put("NULL", true);
        else if (v instanceof String s) o.put("S", s);
        else if (v instanceof BigDecimal n) o.put("N", n.toPlainString());
        else if (v instanceof Boolean b) o.put("BOOL", b);
        else if (v instanceof ByteBuffer b) o.put("B", base64(b));
        else if (v instanceof Map<?, ?> m) {
            ObjectNode members = o.putObject("M");
            m.forEach((k, x) -> members.set((String) k, typed(x)));
        } else if (v instanceof Set<?> set) {
            Object first = set.iterator().next();
            String type = first instanceof String ? "SS" : first instanceof BigDecimal ? "NS" : "BS";
            ArrayNode a = o.putArray(type);
            for (Object x : set) {
                if (x instanceof String s) a.add(s);
                else if (x instanceof BigDecimal n) a.add(n.toPlainString());
                else a.add(base64((ByteBuffer) x));
            }
        } else if (v instanceof List<?> list) {
            ArrayNode a = o.putArray("L");
            list.forEach(x -> a.add(typed(x)));
        } else {
            throw new IllegalArgumentException("not a plain DynamoDB value: " + v.getClass().getName());
        }
        return o;
    }

    private static String base64(ByteBuffer b) {
        ByteBuffer copy = b.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
