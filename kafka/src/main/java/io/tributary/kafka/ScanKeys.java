package io.tributary.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Scan's LastEvaluatedKey as text for a Connect offset, and back; key attributes are only S, N or B. */
final class ScanKeys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScanKeys() {}

    static String encode(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) return "";
        ObjectNode o = JSON.createObjectNode();
        key.forEach((name, v) -> {
            if (v.s() != null) o.putObject(name).put("S", v.s());
            else if (v.n() != null) o.putObject(name).put("N", v.n());
            else o.putObject(name).put("B", v.b().asByteBuffer().hasArray() ? java.util.Base64.getEncoder().encodeToString(v.b().asByteArray()) : "");
        });
        return o.toString();
    }

    static Map<String, AttributeValue> decode(String text) {
        if (text == null || text.isEmpty()) return null;
        try {
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            JsonNode o = JSON.readTree(text);
            o.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                key.put(e.getKey(), v.has("S") ? AttributeValue.fromS(v.get("S").asText()) : v.has("N") ? AttributeValue.fromN(v.get("N").asText())
                        : AttributeValue.fromB(SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(v.get("B").asText()))));
            });
            return key;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a scan key: " + text, e);
        }
    }
}
