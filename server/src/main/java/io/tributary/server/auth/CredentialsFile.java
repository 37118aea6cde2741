package io.tributary.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.server.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the keys a server accepts from a JSON file:
 * <pre>{"keys": [{"accessKeyId": "AKIDREADER", "secretAccessKey": "...",
 *            "read": ["orders"], "write": [], "stream": ["orders", "audit*"]}]}</pre>
 * A mistake in the file stops the start with a message that says where.
 */
public final class CredentialsFile {
    private CredentialsFile() {}

    public static Map<String, AccessKey> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode keys = root == null ? null : root.get("keys");
        if (keys == null || !keys.isArray() || keys.isEmpty()) throw new IOException(file + ": \"keys\" must be a non-empty array");
        Map<String, AccessKey> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode k = keys.get(i);
            String where = file + ": keys[" + i + "]";
            String id = text(k, "accessKeyId", where);
            String secret = text(k, "secretAccessKey", where);
            Map<Permission, List<String>> tables = new EnumMap<>(Permission.class);
            for (Permission p : Permission.values()) tables.put(p, patterns(k, p.name().toLowerCase(), where));
            if (out.put(id, new AccessKey(id, secret, tables)) != null) throw new IOException(where + ": access key " + id + " appears twice");
        }
        return out;
    }

    private static String text(JsonNode k, String field, String where) throws IOException {
        JsonNode v = k.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) throw new IOException(where + ": \"" + field + "\" is required");
        return v.asText();
    }

    private static List<String> patterns(JsonNode k, String field, String where) throws IOException {
        JsonNode v = k.get(field);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (!v.isArray()) throw new IOException(where + ": \"" + field + "\" must be an array of table names");
        for (JsonNode t : v) {
            if (!t.isTextual() || t.asText().isEmpty()) throw new IOException(where + ": \"" + field + "\" holds a name that is not text");
            out.add(t.asText());
        }
        return out;
    }
}
