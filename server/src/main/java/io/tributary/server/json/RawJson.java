package io.tributary.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON already written as bytes, handed to a generator as one raw value. Only the byte-writing generator may be
 * given it as it is; any other (a node's toString writes characters, a generator may escape more than JSON
 * requires) gets it parsed and copied through its own calls.
 */
final class RawJson implements SerializableString {
    private final byte[] json;
    private final int length;

    private RawJson(byte[] json, int length) {
        this.json = json;
        this.length = length;
    }

    /** Writes {@code length} bytes of {@code json}, one JSON value, into {@code gen}. */
    static void write(JsonGenerator gen, byte[] json, int length) throws IOException {
        if (takesBytesAsTheyAre(gen)) gen.writeRawValue(new RawJson(json, length));
        else copyParsed(gen, json, length);
    }

    /**
     * Whether {@code gen} may be given UTF-8 it does not escape itself: only the byte-writing generator takes
     * UTF-8 as it is, and only one that escapes what JSON requires and nothing more writes what the bytes are.
     */
    static boolean takesBytesAsTheyAre(JsonGenerator gen) {
        return gen instanceof UTF8JsonGenerator && gen.getCharacterEscapes() == null && gen.getHighestEscapedChar() == 0;
    }

    static void copyParsed(JsonGenerator gen, byte[] json, int length) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(json, 0, length)) {
            parser.nextToken();
            gen.copyCurrentStructure(parser);
        }
    }

    // A generator's writeRawValue asks for the unquoted UTF-8 only; quoting raw JSON would be a mistake, so
    // those forms are refused.

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + length > buffer.length) return -1;
        System.arraycopy(json, 0, buffer, offset, length);
        return length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOf(json, length);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(json, 0, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer out) {
        if (out.remaining() < length) return -1;
        out.put(json, 0, length);
        return length;
    }

    @Override
    public String getValue() {
        return new String(json, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String value = getValue();
        if (offset + value.length() > buffer.length) return -1;
        value.getChars(0, value.length(), buffer, offset);
        return value.length();
    }

    @Override
    public char[] asQuotedChars() {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int putQuotedUTF8(ByteBuffer out) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }
}
