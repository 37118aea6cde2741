package io.tributary.server.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.TributaryException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The one ObjectMapper, and reading request bodies with AWS's SerializationException on bad JSON. */
public final class Json {
    public static final ObjectMapper MAPPER = mapper();
    /** Looks up the serializer once, where {@code MAPPER.writeValue} resolves the node's class on every call. */
    private static final ObjectWriter NODE_WRITER = MAPPER.writerFor(JsonNode.class);
    /** A body is one JSON object: text after it is refused, not ignored. */
    private static final ObjectReader REQUEST_READER = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** Jackson's default limit on a member name (50,000) is below DynamoDB's 65,535-byte attribute names. */
    private static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(MAX_REQUEST_BYTES).build()).build();
        return new ObjectMapper(factory);
    }

    /** AWS refuses request bodies over 16 MB. */
    public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static JsonNode parseRequest(byte[] body) {
        if (body.length == 0) return object();
        JsonNode node;
        try {
            node = REQUEST_READER.readTree(body);
        } catch (java.io.IOException e) {
            throw serialization("Start of structure or map found where not expected.");
        }
        if (node == null || node.isMissingNode()) return object();
        if (!node.isObject()) throw serialization("Start of structure or map found where not expected.");
        return node;
    }

    public static byte[] write(JsonNode node) {
        try {
            return NODE_WRITER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the node as UTF-8 into {@code out}. */
    public static void write(JsonNode node, OutputStream out) {
        try {
            NODE_WRITER.writeValue(out, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TributaryException serialization(String message) {
        return new TributaryException("SerializationException", message);
    }
}
