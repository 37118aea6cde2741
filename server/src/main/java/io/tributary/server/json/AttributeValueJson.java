package io.tributary.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.POJONode;
import io.tributary.core.TributaryException;
import io.tributary.server.api.AwsMessages;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Bytes;
import io.tributary.core.model.Numbers;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Attribute values in DynamoDB's JSON ({"S": "x"}, {"N": "1"}, ...), with AWS's validation texts. */
public final class AttributeValueJson {
    /** DynamoDB's limit on nested lists and maps. */
    public static final int MAX_DEPTH = 32;

    private AttributeValueJson() {}

    public static Map<String, AttributeValue> parseItem(JsonNode node, String field) {
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) throw Json.serialization("Unexpected value type in " + field);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty()) throw AwsMessages.invalidParameter("Empty attribute name");
            item.put(e.getKey(), parse(e.getValue(), 1));
        }
        return item;
    }

    public static TributaryException tooDeep() {
        return TributaryException.validation(
                "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit");
    }

    public static AttributeValue parse(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) throw tooDeep();
        if (node == null || !node.isObject()) throw Json.serialization("Unexpected value type for an AttributeValue");
        String typeName = null;
        JsonNode content = null;
        int count = 0;
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) continue;
            count++;
            typeName = e.getKey();
            content = e.getValue();
        }
        if (count == 0) {
            throw TributaryException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (count > 1) {
            throw TributaryException.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        AttributeType type;
        try {
            type = AttributeType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw Json.serialization("Unknown AttributeValue type: " + typeName);
        }
        switch (type) {
            case S:
                return AttributeValue.s(text(content));
            case N:
                return AttributeValue.n(Numbers.parse(text(content)));
            case B:
                return AttributeValue.b(binary(content));
            case BOOL:
                if (!content.isBoolean()) throw Json.serialization("Unexpected value type for BOOL");
                return AttributeValue.bool(content.booleanValue());
            case NULL:
                if (!content.isBoolean()) throw Json.serialization("Unexpected value type for NULL");
                if (!content.booleanValue()) {
                    throw AwsMessages.invalidParameter("Null attribute value types must have the value of true");
                }
                return AttributeValue.NULL;
            case L: {
                if (!content.isArray()) throw Json.serialization("Unexpected value type for L");
                List<AttributeValue> list = new ArrayList<>(content.size());
                for (JsonNode element : content) list.add(parse(element, depth + 1));
                return AttributeValue.l(list);
            }
            case M: {
                if (!content.isObject()) throw Json.serialization("Unexpected value type for M");
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = content.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    map.put(f.getKey(), parse(f.getValue(), depth + 1));
                }
                return AttributeValue.m(map);
            }
            case SS: {
                List<String> members = new ArrayList<>();
                for (JsonNode m : setArray(content, "An string set  may not be empty")) members.add(text(m));
                requireDistinct(members, members);
                return AttributeValue.ss(members);
            }
            case NS: {
                List<BigDecimal> members = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (JsonNode m : setArray(content, "An number set  may not be empty")) {
                    texts.add(text(m));
                    members.add(Numbers.parse(text(m)));
                }
                requireDistinct(members, texts);
                return AttributeValue.ns(members);
            }
            case BS: {
                List<Bytes> members = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (JsonNode m : setArray(content, "Binary sets should not be empty")) {
                    texts.add(text(m));
                    members.add(binary(m));
                }
                requireDistinct(members, texts);
                return AttributeValue.bs(members);
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static JsonNode setArray(JsonNode content, String emptyMessage) {
        if (!content.isArray()) throw Json.serialization("Unexpected value type for a set");
        if (content.isEmpty()) throw AwsMessages.invalidParameter(emptyMessage);
        return content;
    }

    private static void requireDistinct(List<?> members, List<String> texts) {
        Set<Object> seen = new HashSet<>();
        for (Object m : members) {
            Object k = m instanceof BigDecimal d ? (d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros()) : m;
            if (!seen.add(k)) throw AwsMessages.invalidParameter("Input collection " + texts + " contains duplicates.");
        }
    }

    private static String text(JsonNode n) {
        if (!n.isTextual()) throw Json.serialization("Unexpected value type: expected a string");
        return n.textValue();
    }

    private static Bytes binary(JsonNode n) {
        String text = text(n);
        // Java's decoder accepts base64 without its padding; AWS does not.
        if (text.length() % 4 != 0) throw Json.serialization("Base64 encoded binary value is not valid");
        try {
            return Bytes.wrap(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw Json.serialization("Base64 encoded binary value is not valid");
        }
    }


    // ---- writing ----

    /**
     * The item as a node that writes itself with the response's generator when the answer is serialised:
     * no tree of small objects is built per attribute (a Query page of 100 items spent most of its time there).
     */
    public static JsonNode writeItem(Map<String, AttributeValue> item) {
        return new POJONode(new ItemJson(item));
    }

    private record ItemJson(Map<String, AttributeValue> item) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            writeMap(gen, item);
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
            serialize(gen, serializers);
        }
    }

    private static void writeMap(JsonGenerator gen, Map<String, AttributeValue> item) throws IOException {
        gen.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            gen.writeFieldName(e.getKey());
            write(gen, e.getValue());
        }
        gen.writeEndObject();
    }

    private static void write(JsonGenerator gen, AttributeValue v) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(v.type().name());
        switch (v.type()) {
            case S -> gen.writeString(v.s());
            case N -> gen.writeString(Numbers.format(v.n()));
            case B -> gen.writeString(v.b().base64());
            case BOOL -> gen.writeBoolean(v.bool());
            case NULL -> gen.writeBoolean(true);
            case L -> {
                gen.writeStartArray();
                for (AttributeValue e : v.l()) write(gen, e);
                gen.writeEndArray();
            }
            case M -> writeMap(gen, v.m());
            case SS -> {
                gen.writeStartArray();
                for (String m : v.ss()) gen.writeString(m);
                gen.writeEndArray();
            }
            case NS -> {
                gen.writeStartArray();
                for (BigDecimal m : v.ns()) gen.writeString(Numbers.format(m));
                gen.writeEndArray();
            }
            case BS -> {
                gen.writeStartArray();
                for (Bytes m : v.bs()) gen.writeString(m.base64());
                gen.writeEndArray();
            }
        }
        gen.writeEndObject();
    }
}
