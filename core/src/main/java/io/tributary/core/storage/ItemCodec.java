package io.tributary.core.storage;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Bytes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compact binary form items take in RocksDB: type tags and varint lengths, no field names twice. */
public final class ItemCodec {
    private static final AttributeType[] TYPES = AttributeType.values();

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
        w.write(v.type().ordinal());
        switch (v.type()) {
            case S -> w.writeString(v.s());
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

    static AttributeValue readValue(ByteReader r) {
        AttributeType type = TYPES[r.read()];
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

    private static void writeNumber(ByteWriter w, BigDecimal d) {
        int scale = d.scale();
        w.writeVarint((scale << 1) ^ (scale >> 31));
        w.writeBytes(d.unscaledValue().toByteArray());
    }

    private static BigDecimal readNumber(ByteReader r) {
        int zz = (int) r.readVarint();
        int scale = (zz >>> 1) ^ -(zz & 1);
        return new BigDecimal(new BigInteger(r.readBytes()), scale);
    }
}
