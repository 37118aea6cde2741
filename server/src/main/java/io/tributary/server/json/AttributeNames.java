package io.tributary.server.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Attribute names met lately, each ready to write as a field's start: the items of one page mostly share their
 * names, so a name's stored UTF-8 is not turned into a string and escaped again for every item. One per
 * {@link JsonBytes}, so one per thread.
 */
final class AttributeNames {
    private static final int SLOT_BITS = 7, SLOTS = 1 << SLOT_BITS;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private final byte[][] utf8 = new byte[SLOTS][];
    private final long[] words = new long[SLOTS];
    private final byte[][] fields = new byte[SLOTS][];
    private boolean evictSecond;

    /** The name as a field's start in JSON: quoted, escaped, followed by its colon. */
    byte[] field(byte[] bytes, int offset, int length) {
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
        if (holds(first, word, bytes, offset, length)) return fields[first];
        if (holds(second, word, bytes, offset, length)) return fields[second];
        int slot = utf8[first] == null ? first : utf8[second] == null ? second : (evictSecond ^= true) ? second : first;
        utf8[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
        words[slot] = word;
        fields[slot] = fieldJson(JsonStringEncoder.getInstance().quoteAsUTF8(new String(bytes, offset, length, StandardCharsets.UTF_8)));
        return fields[slot];
    }

    /** A field's start in JSON from its escaped name: quoted, followed by its colon. */
    static byte[] fieldJson(byte[] escapedName) {
        byte[] field = new byte[escapedName.length + 3];
        field[0] = '"';
        System.arraycopy(escapedName, 0, field, 1, escapedName.length);
        field[field.length - 2] = '"';
        field[field.length - 1] = ':';
        return field;
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
