package io.tributary.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventName;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The envelope of each kind of change, exactly as the docs show it, and its round trip through Connect's JSON converter. */
class EnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/users/stream/2026-12-07T10:00:00.000";

    private static ChangeEvent change(EventName name, Map<String, Object> before, Map<String, Object> after) {
        return new ChangeEvent("users", name, Map.of("userId", "u1"), before, after, "000000000000000000042",
                Instant.ofEpochMilli(1_796_640_000_000L), "shardId-1", 100, "e1", "us-east-1", ARN, "NEW_AND_OLD_IMAGES");
    }

    private static Map<String, Object> item(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }

    /** The value as JsonConverter writes it without schemas, the form a plain consumer reads. */
    private static JsonNode plainJson(Struct value) throws Exception {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        return JSON.readTree(converter.fromConnectData("tributary.users", Envelope.VALUE, value));
    }

    private static String source() {
        return "{\"version\":\"0.1.0\",\"connector\":\"tributary\",\"table\":\"users\",\"stream\":\"" + ARN + "\",\"shard\":\"shardId-1\","
                + "\"sequence_number\":\"000000000000000000042\",\"ts_ms\":1796640000000,\"snapshot\":\"false\"}";
    }

    @Test
    void insert_modify_and_remove_envelopes() throws Exception {
        Map<String, Object> alice = item("userId", "u1", "name", "Alice", "age", new BigDecimal("30"), "tags", List.of("a", "b"));
        Map<String, Object> older = item("userId", "u1", "name", "Alice", "age", new BigDecimal("29"));
        assertEquals(JSON.readTree("{\"before\":null,\"after\":\"{\\\"age\\\":30,\\\"name\\\":\\\"Alice\\\",\\\"tags\\\":[\\\"a\\\",\\\"b\\\"],\\\"userId\\\":\\\"u1\\\"}\","
                        + "\"op\":\"c\",\"source\":" + source() + ",\"ts_ms\":5}"),
                plainJson(Envelope.value(change(EventName.INSERT, null, alice), false, 5)));
        assertEquals(JSON.readTree("{\"before\":\"{\\\"age\\\":29,\\\"name\\\":\\\"Alice\\\",\\\"userId\\\":\\\"u1\\\"}\","
                        + "\"after\":\"{\\\"age\\\":30,\\\"name\\\":\\\"Alice\\\",\\\"tags\\\":[\\\"a\\\",\\\"b\\\"],\\\"userId\\\":\\\"u1\\\"}\","
                        + "\"op\":\"u\",\"source\":" + source() + ",\"ts_ms\":5}"),
                plainJson(Envelope.value(change(EventName.MODIFY, older, alice), false, 5)));
        assertEquals(JSON.readTree("{\"before\":\"{\\\"age\\\":30,\\\"name\\\":\\\"Alice\\\",\\\"tags\\\":[\\\"a\\\",\\\"b\\\"],\\\"userId\\\":\\\"u1\\\"}\","
                        + "\"after\":null,\"op\":\"d\",\"source\":" + source() + ",\"ts_ms\":5}"),
                plainJson(Envelope.value(change(EventName.REMOVE, alice, null), false, 5)));
        assertEquals("{\"userId\":\"u1\"}", Envelope.key(change(EventName.REMOVE, alice, null)));
    }

    @Test
    void snapshot_read_envelope() throws Exception {
        Map<String, Object> alice = item("userId", "u1", "name", "Alice");
        assertEquals(JSON.readTree("{\"before\":null,\"after\":\"{\\\"name\\\":\\\"Alice\\\",\\\"userId\\\":\\\"u1\\\"}\",\"op\":\"r\","
                        + "\"source\":{\"version\":\"0.1.0\",\"connector\":\"tributary\",\"table\":\"users\",\"stream\":\"" + ARN + "\",\"shard\":null,"
                        + "\"sequence_number\":\"000000000000000000042\",\"ts_ms\":1796640000000,\"snapshot\":\"true\"},\"ts_ms\":5}"),
                plainJson(Envelope.snapshotRead("users", ARN, alice, "000000000000000000042", 1_796_640_000_000L, false, false, 5)));
        assertEquals("last", Envelope.snapshotRead("users", ARN, alice, null, 1L, true, false, 5).getStruct("source").getString("snapshot"));
    }

    @Test
    void typed_images_keep_dynamodb_json() throws Exception {
        Map<String, Object> alice = item("userId", "u1", "age", new BigDecimal("30.50"));
        Struct value = Envelope.value(change(EventName.INSERT, null, alice), true, 5);
        assertEquals(JSON.readTree("{\"age\":{\"N\":\"30.50\"},\"userId\":{\"S\":\"u1\"}}"), JSON.readTree(value.getString("after")));
        assertNull(value.getString("before"));
    }

    @Test
    void the_json_converter_round_trips_key_and_value_with_schemas() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        ChangeEvent e = change(EventName.MODIFY, item("userId", "u1", "n", new BigDecimal("1")), item("userId", "u1", "n", new BigDecimal("2")));
        Struct value = Envelope.value(e, false, 7);
        byte[] bytes = converter.fromConnectData("tributary.users", Envelope.VALUE, value);
        SchemaAndValue back = converter.toConnectData("tributary.users", bytes);
        assertEquals(Envelope.VALUE, back.schema());
        assertEquals(value, back.value());

        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        SchemaAndValue key = keys.toConnectData("tributary.users", keys.fromConnectData("tributary.users", Envelope.KEY, Envelope.key(e)));
        assertEquals(Envelope.KEY, key.schema());
        assertEquals("{\"userId\":\"u1\"}", key.value());
        assertEquals("{\"schema\":{\"type\":\"string\",\"optional\":false,\"name\":\"io.debezium.data.Json\",\"version\":1},\"payload\":\"{\\\"userId\\\":\\\"u1\\\"}\"}",
                new String(keys.fromConnectData("tributary.users", Envelope.KEY, Envelope.key(e)), StandardCharsets.UTF_8));
    }
}
