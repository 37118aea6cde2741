package io.tributary.connect;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A key (a LastEvaluatedKey) as typed JSON text and back, to be kept in a checkpoint. Keys are S, N or B. */
final class KeyJson {
    private KeyJson() {}

    static String write(Map<String, AttributeValue> key) {
        var o = EventJson.MAPPER.createObjectNode();
        key.forEach((name, v) -> {
            if (v.s() != null) o.putObject(name).put("S", v.s());
            else if (v.n() != null) o.putObject(name).put("N", v.n());
            else o.putObject(name).put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
        });
        return o.toString();
    }

    static Map<String, AttributeValue> parse(String json) {
        try {
            JsonNode o = EventJson.MAPPER.readTree(json);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            o.fields().forEachRemaining(f -> {
                JsonNode v = f.getValue();
                AttributeValue a = v.has("S") ? AttributeValue.fromS(v.get("S").asText())
                        : v.has("N") ? AttributeValue.fromN(v.get("N").asText())
                        : AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.get("B").asText())));
                key.put(f.getKey(), a);
            });
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
