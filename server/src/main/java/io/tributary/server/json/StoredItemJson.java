package io.tributary.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.POJONode;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.JsonText;
import io.tributary.core.model.Numbers;
import io.tributary.core.storage.ItemCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A stored item written into an answer straight from its stored bytes, with the same JSON as
 * {@link AttributeValueJson#writeItem} gives the decoded item: strings go out as the UTF-8 they are stored
 * as, and no attribute is built. For the pages of Query and Scan, where decoding every item into attribute
 * values and then writing them was most of the work.
 */
public final class StoredItemJson {
    private static final SerializableString[] TYPE_NAMES = new SerializableString[AttributeType.values().length];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (AttributeType t : AttributeType.values()) TYPE_NAMES[t.ordinal()] = new SerializedString(t.name());
    }

    private StoredItemJson() {}

    public static JsonNode of(byte[] stored) {
        return new POJONode(new Serializable(stored));
    }

    /**
     * A page of stored items, written into one JSON array as they are added, so that the page keeps no item's
     * stored bytes and a reader may hand it bytes it then reuses (a Query or Scan page answered as stored, or
     * GetRecords' records, built field by field around their stored images).
     * The array is written into a buffer of this thread's: one page at a time on a thread, until {@link Page#end},
     * and the ended page stays in that buffer until the thread opens another ({@link PageArray}).
     */
    public static Page page() {
        return new Page(StoredItemBytes.openArray());
    }

    public static final class Page {
        private final StoredItemBytes items;

        private Page(StoredItemBytes items) {
            this.items = items;
        }

        /** Writes the item stored at the start of {@code stored} (which may go on past it); its {@link ItemCodec#itemSize size}. */
        public int add(byte[] stored) throws IOException {
            return ItemCodec.visit(stored, items);
        }

        // Elements that are objects of the answer's own (GetRecords' records), built field by field.

        /** Opens an object as the array's next element. */
        public void beginObject() {
            items.beginMap(0);
        }

        /** Opens an object as the value of {@code field} inside an open object. */
        public void beginObject(Field field) {
            items.field(field.json);
            items.beginMap(0);
        }

        public void endObject() {
            items.endMap();
        }

        public void string(Field field, String value) {
            items.field(field.json);
            items.text(value);
        }

        public void number(Field field, long value) {
            items.field(field.json);
            items.integer(value);
        }

        /** Writes {@code field}'s name: its value is the stored item or attribute visited next through the visitor returned. */
        public ItemCodec.Visitor value(Field field) {
            items.field(field.json);
            return items;
        }

        /** A mark between two elements, to {@link #cut} back to: the number of bytes the page has so far. */
        public int length() {
            return items.length();
        }

        /** Takes back the elements written after {@code mark}, a {@link #length} taken between two elements. */
        public void cut(int mark) {
            items.cut(mark);
        }

        /** Closes the array: the page as a node of an answer, after which nothing more is added. */
        public JsonNode end() {
            return new POJONode(items.closeArray());
        }
    }

    /** A field name of an answer's own, encoded once. */
    public static final class Field {
        private final byte[] json;

        private Field(byte[] json) {
            this.json = json;
        }

        public static Field named(String name) {
            return new Field(fieldJson(JsonStringEncoder.getInstance().quoteAsUTF8(name)));
        }
    }

    /** A field's start in JSON from its escaped name: quoted, followed by its colon. */
    private static byte[] fieldJson(byte[] escapedName) {
        byte[] field = new byte[escapedName.length + 3];
        field[0] = '"';
        System.arraycopy(escapedName, 0, field, 1, escapedName.length);
        field[field.length - 2] = '"';
        field[field.length - 1] = ':';
        return field;
    }

    /** A visitor that writes the stored item it walks into {@code gen}, as {@link #of} does. */
    public static ItemCodec.Visitor writer(JsonGenerator gen) {
        return new Writer(gen, Names.CACHE.get(), escapesOnlyWhatJsonRequires(gen));
    }

    /**
     * Whether {@code gen} may be given UTF-8 it does not escape itself: only the byte-writing generator takes
     * UTF-8 as it is (a node's toString writes to characters), and only one that escapes what JSON requires
     * and nothing more writes what the unescaped bytes are.
     */
    private static boolean escapesOnlyWhatJsonRequires(JsonGenerator gen) {
        return gen instanceof UTF8JsonGenerator && gen.getCharacterEscapes() == null && gen.getHighestEscapedChar() == 0;
    }

    private record Serializable(byte[] stored) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (escapesOnlyWhatJsonRequires(gen)) gen.writeRawValue(StoredItemBytes.of(stored));
            else ItemCodec.visit(stored, writer(gen));
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
            serialize(gen, serializers);
        }
    }

    /**
     * A page's JSON array, in its thread's page buffer ({@link StoredItemBytes#closeArray}) until that thread
     * opens another page: if the page has not been written by then it is copied out, and if it has, it is
     * spent, and writing it again fails rather than write another page's bytes. Written by the byte-writing
     * generator, it goes from that buffer straight into the generator's output; to any other, it is read back
     * and copied.
     */
    static final class PageArray implements JsonSerializable {
        private static final SerializableString NOTHING = new SerializedString("");
        private byte[] json;
        private final int length;
        private boolean written, spent;

        PageArray(byte[] json, int length) {
            this.json = json;
            this.length = length;
        }

        /** Its thread is about to write another page into the buffer this one is in. */
        void bufferReused() {
            if (written) spent = true;
            else json = Arrays.copyOf(json, length);
        }

        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (spent) throw new IllegalStateException("a page's JSON was written once and its thread has read another page since");
            written = true;
            // Jackson copies a raw value larger than what is left of its buffer into an array of its own
            // (SerializableString.asUnquotedUTF8) before writing it out: a page would be copied twice.
            if (escapesOnlyWhatJsonRequires(gen) && gen.getOutputTarget() instanceof OutputStream out) {
                gen.writeRawValue(NOTHING);
                gen.flush();
                out.write(json, 0, length);
                return;
            }
            try (JsonParser parser = Json.MAPPER.createParser(json, 0, length)) {
                parser.nextToken();
                gen.copyCurrentStructure(parser);
            }
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
            serialize(gen, serializers);
        }
    }

    /**
     * Attribute names met lately on this thread, ready to write: the items of one page mostly share their
     * names, so each name's stored UTF-8 is not turned into a string and encoded back for every item.
     */
    static final class Names {
        private static final int SLOT_BITS = 7, SLOTS = 1 << SLOT_BITS;
        private static final ThreadLocal<Names> CACHE = ThreadLocal.withInitial(Names::new);
        private final byte[][] utf8 = new byte[SLOTS][];
        private final long[] words = new long[SLOTS];
        private final SerializedString[] names = new SerializedString[SLOTS];
        private final byte[][] fields = new byte[SLOTS][];
        private boolean evictSecond;

        /** The name as a generator writes it. */
        SerializableString lookup(byte[] bytes, int offset, int length) {
            return names[slot(bytes, offset, length)];
        }

        /** The name as a field's start in JSON: quoted, escaped, followed by its colon. */
        byte[] field(byte[] bytes, int offset, int length) {
            return fields[slot(bytes, offset, length)];
        }

        private int slot(byte[] bytes, int offset, int length) {
            // A name of up to eight bytes, as most are, is hashed and compared as one word rather than byte by byte.
            long word = 0;
            int hash = length;
            if (length <= Long.BYTES) {
                word = word(bytes, offset, length);
                hash = (int) ((word + length) * 0x9E3779B97F4A7C15L >>> 32);
            } else {
                for (int i = offset; i < offset + length; i++) hash = 31 * hash + bytes[i];
            }
            // Two slots a name may be in, so that two names of one item that share a slot do not take turns
            // evicting each other on every item of a page.
            int first = (hash * 0x9E3779B9) >>> (32 - SLOT_BITS), second = first ^ 1;
            if (holds(first, word, bytes, offset, length)) return first;
            if (holds(second, word, bytes, offset, length)) return second;
            int slot = utf8[first] == null ? first : utf8[second] == null ? second : (evictSecond ^= true) ? second : first;
            SerializedString name = new SerializedString(new String(bytes, offset, length, StandardCharsets.UTF_8));
            utf8[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
            words[slot] = word;
            names[slot] = name;
            fields[slot] = fieldJson(name.asQuotedUTF8());
            return slot;
        }

        /** The bytes of a name of up to eight, the first in the lowest byte, the bytes above them zero. */
        private static long word(byte[] bytes, int offset, int length) {
            if (offset + Long.BYTES <= bytes.length) {
                long all = (long) LONGS.get(bytes, offset);
                return length == Long.BYTES ? all : all & ((1L << (length << 3)) - 1);
            }
            long word = 0;
            for (int i = length - 1; i >= 0; i--) word = (word << 8) | (bytes[offset + i] & 0xFF);
            return word;
        }

        private boolean holds(int slot, long word, byte[] bytes, int offset, int length) {
            byte[] known = utf8[slot];
            if (known == null || known.length != length) return false;
            return length <= Long.BYTES ? words[slot] == word : Arrays.equals(known, 0, length, bytes, offset, offset + length);
        }
    }

    private record Writer(JsonGenerator gen, Names names, boolean rawStrings) implements ItemCodec.Visitor {
        @Override
        public void beginMap(int size) throws IOException {
            gen.writeStartObject();
        }

        @Override
        public void name(byte[] utf8, int offset, int length) throws IOException {
            gen.writeFieldName(names.lookup(utf8, offset, length));
        }

        @Override
        public void endMap() throws IOException {
            gen.writeEndObject();
        }

        @Override
        public void beginValue(AttributeType type) throws IOException {
            gen.writeStartObject();
            gen.writeFieldName(TYPE_NAMES[type.ordinal()]);
        }

        @Override
        public void endValue() throws IOException {
            gen.writeEndObject();
        }

        @Override
        public void beginList(int size) throws IOException {
            gen.writeStartArray();
        }

        @Override
        public void endList() throws IOException {
            gen.writeEndArray();
        }

        @Override
        public void string(byte[] utf8, int offset, int length, boolean plain) throws IOException {
            if (rawStrings && (plain || !JsonText.needsEscaping(utf8, offset, length))) gen.writeRawUTF8String(utf8, offset, length);
            else if (gen instanceof UTF8JsonGenerator) gen.writeUTF8String(utf8, offset, length);
            else gen.writeString(new String(utf8, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void number(BigDecimal n) throws IOException {
            gen.writeString(Numbers.format(n));
        }

        @Override
        public void binary(byte[] data, int offset, int length) throws IOException {
            gen.writeString(Base64.getEncoder().encodeToString(Arrays.copyOfRange(data, offset, offset + length)));
        }

        @Override
        public void bool(boolean value) throws IOException {
            gen.writeBoolean(value);
        }
    }
}
