package io.tributary.core.storage;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Bytes;
import io.tributary.core.model.JsonText;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compact binary form items take in RocksDB: type tags and varint lengths, no field names twice. */
public final class ItemCodec {
    private static final AttributeType[] TYPES = AttributeType.values();
    /**
     * The tag of an S whose UTF-8 holds nothing JSON escapes (no control character, quote or backslash), as
     * most strings do; other values are tagged with their type's ordinal, as every S was before this tag. An
     * answer that writes stored items as they are (Query and Scan pages) then need not look for such bytes
     * again on every read; a string is looked at once, when written.
     */
    private static final int PLAIN_STRING = 0x40;

    private ItemCodec() {}

    public static byte[] encode(Map<String, AttributeValue> item) {
        ByteWriter w = new ByteWriter(256);
        writeMap(w, item);
        return w.toByteArray();
    }

    public static Map<String, AttributeValue> decode(byte[] bytes) {
        return readMap(new ByteReader(bytes));
    }

    static void writeMap(ByteWriter w, Map<String, AttributeValue> map) {
        w.writeVarint(map.size());
        for (Map.Entry<String, AttributeValue> e : map.entrySet()) {
            w.writeString(e.getKey());
            writeValue(w, e.getValue());
        }
    }

    static Map<String, AttributeValue> readMap(ByteReader r) {
        int n = (int) r.readVarint();
        Map<String, AttributeValue> map = new LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
            String name = r.readString();
            map.put(name, readValue(r));
        }
        return map;
    }

    static void writeValue(ByteWriter w, AttributeValue v) {
        if (v.type() == AttributeType.S) {
            byte[] utf8 = v.s().getBytes(StandardCharsets.UTF_8);
            w.write(JsonText.needsEscaping(utf8, 0, utf8.length) ? AttributeType.S.ordinal() : PLAIN_STRING);
            w.writeBytes(utf8);
            return;
        }
        w.write(v.type().ordinal());
        switch (v.type()) {
            case N -> writeNumber(w, v.n());
            case B -> w.writeBytes(v.b().array());
            case BOOL -> w.write(v.bool() ? 1 : 0);
            case NULL -> { }
            case L -> {
                w.writeVarint(v.l().size());
                for (AttributeValue e : v.l()) writeValue(w, e);
            }
            case M -> writeMap(w, v.m());
            case SS -> {
                w.writeVarint(v.ss().size());
                for (String s : v.ss()) w.writeString(s);
            }
            case NS -> {
                w.writeVarint(v.ns().size());
                for (BigDecimal d : v.ns()) writeNumber(w, d);
            }
            case BS -> {
                w.writeVarint(v.bs().size());
                for (Bytes b : v.bs()) w.writeBytes(b.array());
            }
        }
    }

    private static AttributeType type(int tag) {
        return tag == PLAIN_STRING ? AttributeType.S : TYPES[tag];
    }

    static AttributeValue readValue(ByteReader r) {
        AttributeType type = type(r.read());
        switch (type) {
            case S: return AttributeValue.s(r.readString());
            case N: return AttributeValue.n(readNumber(r));
            case B: return AttributeValue.b(Bytes.wrap(r.readBytes()));
            case BOOL: return AttributeValue.bool(r.read() == 1);
            case NULL: return AttributeValue.NULL;
            case L: {
                int n = (int) r.readVarint();
                List<AttributeValue> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(readValue(r));
                return AttributeValue.l(list);
            }
            case M: return AttributeValue.m(readMap(r));
            case SS: {
                int n = (int) r.readVarint();
                List<String> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(r.readString());
                return AttributeValue.ss(list);
            }
            case NS: {
                int n = (int) r.readVarint();
                List<BigDecimal> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(readNumber(r));
                return AttributeValue.ns(list);
            }
            case BS: {
                int n = (int) r.readVarint();
                List<Bytes> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(Bytes.wrap(r.readBytes()));
                return AttributeValue.bs(list);
            }
            default: throw new IllegalStateException("unknown type " + type);
        }
    }

    // ---- reading without building: the stored form straight into another one ----

    /**
     * Receives a stored item's parts in order. Every attribute value comes as {@link #beginValue}, its content
     * (a scalar; a list or set as {@link #beginList} ... {@link #endList}; a map as {@link #beginMap} ...
     * {@link #endMap}), then {@link #endValue}; NULL's content is {@code bool(true)}.
     */
    public interface Visitor {
        void beginMap(int size) throws IOException;

        void name(byte[] utf8, int offset, int length) throws IOException;

        void endMap() throws IOException;

        void beginValue(AttributeType type) throws IOException;

        void endValue() throws IOException;

        void beginList(int size) throws IOException;

        void endList() throws IOException;

        /** {@code plain}: the string is known to hold no byte JSON escapes ({@link JsonText#needsEscaping}); false if not known. */
        void string(byte[] utf8, int offset, int length, boolean plain) throws IOException;

        void number(BigDecimal n) throws IOException;

        /** A number whose unscaled value fits a long, as most do: a visitor may write it without a BigDecimal. */
        default void number(long unscaled, int scale) throws IOException {
            number(BigDecimal.valueOf(unscaled, scale));
        }

        void binary(byte[] data, int offset, int length) throws IOException;

        void bool(boolean value) throws IOException;
    }

    /**
     * Walks a stored item through the visitor without decoding it into attribute values, and returns its
     * {@link #itemSize size}: a page that writes the items it reads then walks each once, not twice.
     */
    public static int visit(byte[] stored, Visitor v) throws IOException {
        return visit(stored, 0, v);
    }

    /** {@link #visit(byte[], Visitor)} of a stored item that starts at {@code offset}, inside a larger record. */
    static int visit(byte[] stored, int offset, Visitor v) throws IOException {
        return visitMap(new ByteReader(stored, offset), v, false);
    }

    /** Moves the reader past a stored item. */
    static void skipMap(ByteReader r) {
        int n = (int) r.readVarint();
        for (int i = 0; i < n; i++) {
            skipRun(r);
            skipValue(r);
        }
    }

    private static void skipValue(ByteReader r) {
        AttributeType type = type(r.read());
        switch (type) {
            case S, B -> skipRun(r);
            case N -> skipNumber(r);
            case BOOL -> r.read();
            case NULL -> { }
            case L -> {
                int n = (int) r.readVarint();
                for (int i = 0; i < n; i++) skipValue(r);
            }
            case M -> skipMap(r);
            case SS, BS -> {
                int n = (int) r.readVarint();
                for (int i = 0; i < n; i++) skipRun(r);
            }
            case NS -> {
                int n = (int) r.readVarint();
                for (int i = 0; i < n; i++) skipNumber(r);
            }
        }
    }

    private static void skipNumber(ByteReader r) {
        r.readVarint(); // the scale
        skipRun(r);
    }

    /** {@link AttributeValue#itemSize} of the stored item, read from its stored form. */
    public static int itemSize(byte[] stored) {
        return mapSize(new ByteReader(stored), false);
    }

    /** Visits a map and returns its size as {@link #mapSize} counts it. */
    private static int visitMap(ByteReader r, Visitor v, boolean nested) throws IOException {
        int n = (int) r.readVarint();
        int size = nested ? 3 : 0;
        v.beginMap(n);
        for (int i = 0; i < n; i++) {
            int length = (int) r.readVarint();
            v.name(r.buffer(), r.skip(length), length);
            size += (nested ? 1 : 0) + length + visitValue(r, v);
        }
        v.endMap();
        return size;
    }

    /** Visits a value and returns its size as {@link #valueSize} counts it. */
    private static int visitValue(ByteReader r, Visitor v) throws IOException {
        int tag = r.read();
        AttributeType type = type(tag);
        v.beginValue(type);
        int size = 0;
        switch (type) {
            case S -> {
                size = (int) r.readVarint();
                v.string(r.buffer(), r.skip(size), size, tag == PLAIN_STRING);
            }
            case N -> size = visitNumber(r, v);
            case B -> {
                size = (int) r.readVarint();
                v.binary(r.buffer(), r.skip(size), size);
            }
            case BOOL -> {
                v.bool(r.read() == 1);
                size = 1;
            }
            case NULL -> {
                v.bool(true);
                size = 1;
            }
            case L -> {
                int n = (int) r.readVarint();
                size = 3;
                v.beginList(n);
                for (int i = 0; i < n; i++) size += 1 + visitValue(r, v);
                v.endList();
            }
            case M -> size = visitMap(r, v, true);
            case SS, BS -> {
                int n = (int) r.readVarint();
                v.beginList(n);
                for (int i = 0; i < n; i++) {
                    int length = (int) r.readVarint();
                    if (type == AttributeType.SS) v.string(r.buffer(), r.skip(length), length, false);
                    else v.binary(r.buffer(), r.skip(length), length);
                    size += length;
                }
                v.endList();
            }
            case NS -> {
                int n = (int) r.readVarint();
                v.beginList(n);
                for (int i = 0; i < n; i++) size += visitNumber(r, v);
                v.endList();
            }
        }
        v.endValue();
        return size;
    }

    /** Visits a number and returns its size as {@link #numberSize} counts it. */
    private static int visitNumber(ByteReader r, Visitor v) throws IOException {
        int scale = readScale(r);
        int length = (int) r.readVarint();
        int at = r.skip(length);
        if (fitsLong(length)) {
            long unscaled = unscaled(r.buffer(), at, length);
            v.number(unscaled, scale);
            return unscaledSize(unscaled);
        }
        BigInteger unscaled = new BigInteger(r.buffer(), at, length);
        v.number(new BigDecimal(unscaled, scale));
        return AttributeValue.numberSize(new BigDecimal(unscaled));
    }

    /** The sizes follow {@link AttributeValue#size()}: a map or list costs 3 bytes and 1 per element. */
    private static int mapSize(ByteReader r, boolean nested) {
        int n = (int) r.readVarint();
        int size = nested ? 3 : 0;
        for (int i = 0; i < n; i++) {
            size += (nested ? 1 : 0) + skipRun(r) + valueSize(r);
        }
        return size;
    }

    private static int valueSize(ByteReader r) {
        AttributeType type = type(r.read());
        switch (type) {
            case S, B: return skipRun(r);
            case N: return numberSize(r);
            case BOOL: {
                r.read();
                return 1;
            }
            case NULL: return 1;
            case L: {
                int n = (int) r.readVarint();
                int size = 3;
                for (int i = 0; i < n; i++) size += 1 + valueSize(r);
                return size;
            }
            case M: return mapSize(r, true);
            case SS, BS: {
                int n = (int) r.readVarint();
                int size = 0;
                for (int i = 0; i < n; i++) size += skipRun(r);
                return size;
            }
            case NS: {
                int n = (int) r.readVarint();
                int size = 0;
                for (int i = 0; i < n; i++) size += numberSize(r);
                return size;
            }
            default: throw new IllegalStateException("unknown type " + type);
        }
    }

    static void writeNumber(ByteWriter w, BigDecimal d) {
        int scale = d.scale();
        w.writeVarint((scale << 1) ^ (scale >> 31));
        if (d.precision() > 18) {
            w.writeBytes(d.unscaledValue().toByteArray());
            return;
        }
        // The bytes BigInteger.toByteArray would write, without the two arrays and the BigInteger it needs
        // (0.9% of a BatchWriteItem server): unscaling a BigDecimal that fits a long keeps it a long.
        long unscaled = (scale == 0 ? d : d.scaleByPowerOfTen(scale)).longValue();
        int length = (64 - Long.numberOfLeadingZeros(unscaled < 0 ? ~unscaled : unscaled)) / 8 + 1;
        w.writeVarint(length);
        for (int shift = 8 * (length - 1); shift >= 0; shift -= 8) w.write((int) (unscaled >>> shift) & 0xFF);
    }

    /** The length of a length-prefixed run of bytes, which it moves past. */
    private static int skipRun(ByteReader r) {
        int n = (int) r.readVarint();
        r.skip(n);
        return n;
    }

    /** The scale {@link #writeNumber} wrote zigzag-encoded. */
    private static int readScale(ByteReader r) {
        int zz = (int) r.readVarint();
        return (zz >>> 1) ^ -(zz & 1);
    }

    private static BigDecimal readNumber(ByteReader r) {
        int scale = readScale(r);
        int length = (int) r.readVarint();
        int at = r.skip(length);
        if (fitsLong(length)) return BigDecimal.valueOf(unscaled(r.buffer(), at, length), scale);
        return new BigDecimal(new BigInteger(r.buffer(), at, length), scale);
    }

    /** {@link AttributeValue#numberSize} of a stored number; most fit a long, whose digits need no BigInteger. */
    private static int numberSize(ByteReader r) {
        r.readVarint(); // the scale does not count
        int length = (int) r.readVarint();
        int at = r.skip(length);
        if (!fitsLong(length)) return AttributeValue.numberSize(new BigDecimal(new BigInteger(r.buffer(), at, length)));
        return unscaledSize(unscaled(r.buffer(), at, length));
    }

    private static int unscaledSize(long v) {
        return v == 0 ? 1 : AttributeValue.numberSize(digits(Math.abs(v)), v < 0);
    }

    /** The decimal digits of a positive long below 2^56, counted without writing them. */
    private static int digits(long positive) {
        int digits = 1;
        for (long limit = 10; digits < 18 && positive >= limit; limit *= 10) digits++;
        return digits;
    }

    /** BigInteger.toByteArray writes at least one byte; up to seven always fit a long, sign included. */
    private static boolean fitsLong(int length) {
        return length < 8;
    }

    /** A two's complement big-endian number of 1 to 7 bytes, as BigInteger.toByteArray wrote it. */
    private static long unscaled(byte[] b, int at, int length) {
        long v = b[at];
        for (int i = 1; i < length; i++) v = (v << 8) | (b[at + i] & 0xFF);
        return v;
    }
}
