package io.tributary.core.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One DynamoDB attribute value. Immutable. Numbers are normalised BigDecimals; sets are lists without
 * duplicates (their order carries no meaning, so equality ignores it); maps keep insertion order.
 */
public final class AttributeValue {
    public static final AttributeValue NULL = new AttributeValue(AttributeType.NULL, Boolean.TRUE);
    public static final AttributeValue TRUE = new AttributeValue(AttributeType.BOOL, Boolean.TRUE);
    public static final AttributeValue FALSE = new AttributeValue(AttributeType.BOOL, Boolean.FALSE);

    private final AttributeType type;
    private final Object value;

    private AttributeValue(AttributeType type, Object value) {
        this.type = type;
        this.value = value;
    }

    public static AttributeValue s(String s) {
        return new AttributeValue(AttributeType.S, Objects.requireNonNull(s));
    }

    /** A number already checked by {@link Numbers}. */
    public static AttributeValue n(BigDecimal n) {
        return new AttributeValue(AttributeType.N, n);
    }

    public static AttributeValue n(long n) {
        return n(BigDecimal.valueOf(n));
    }

    public static AttributeValue b(Bytes b) {
        return new AttributeValue(AttributeType.B, b);
    }

    public static AttributeValue bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    public static AttributeValue l(List<AttributeValue> list) {
        return new AttributeValue(AttributeType.L, List.copyOf(list));
    }

    public static AttributeValue m(Map<String, AttributeValue> map) {
        return new AttributeValue(AttributeType.M, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map)));
    }

    public static AttributeValue ss(List<String> members) {
        return new AttributeValue(AttributeType.SS, List.copyOf(members));
    }

    public static AttributeValue ns(List<BigDecimal> members) {
        return new AttributeValue(AttributeType.NS, List.copyOf(members));
    }

    public static AttributeValue bs(List<Bytes> members) {
        return new AttributeValue(AttributeType.BS, List.copyOf(members));
    }

    public AttributeType type() {
        return type;
    }

    public String s() {
        return (String) value;
    }

    public BigDecimal n() {
        return (BigDecimal) value;
    }

    public Bytes b() {
        return (Bytes) value;
    }

    public boolean bool() {
        return (Boolean) value;
    }

    @SuppressWarnings("unchecked")
    public List<AttributeValue> l() {
        return (List<AttributeValue>) value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, AttributeValue> m() {
        return (Map<String, AttributeValue>) value;
    }

    @SuppressWarnings("unchecked")
    public List<String> ss() {
        return (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    public List<BigDecimal> ns() {
        return (List<BigDecimal>) value;
    }

    @SuppressWarnings("unchecked")
    public List<Bytes> bs() {
        return (List<Bytes>) value;
    }

    /** Members of a set as comparable values (numbers by value, not by scale). */
    public List<Object> setMembers() {
        return switch (type) {
            case SS -> new ArrayList<>(ss());
            case NS -> new ArrayList<>(ns());
            case BS -> new ArrayList<>(bs());
            default -> throw new IllegalStateException("not a set: " + type);
        };
    }

    /** Builds a set of this type from members, as produced by {@link #setMembers()}. */
    @SuppressWarnings("unchecked")
    public static AttributeValue setOf(AttributeType type, List<?> members) {
        return switch (type) {
            case SS -> ss((List<String>) members);
            case NS -> ns((List<BigDecimal>) members);
            case BS -> bs((List<Bytes>) members);
            default -> throw new IllegalStateException("not a set: " + type);
        };
    }

    /** DynamoDB's size of this value in bytes, as counted towards the 400 KB item limit. */
    public int size() {
        return switch (type) {
            case S -> utf8Length(s());
            case N -> numberSize(n());
            case B -> b().length();
            case BOOL, NULL -> 1;
            case SS -> ss().stream().mapToInt(AttributeValue::utf8Length).sum();
            case NS -> ns().stream().mapToInt(AttributeValue::numberSize).sum();
            case BS -> bs().stream().mapToInt(Bytes::length).sum();
            case L -> 3 + l().stream().mapToInt(v -> 1 + v.size()).sum();
            case M -> 3 + m().entrySet().stream().mapToInt(e -> 1 + utf8Length(e.getKey()) + e.getValue().size()).sum();
        };
    }

    public static int itemSize(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8Length(e.getKey()) + e.getValue().size();
        }
        return size;
    }

    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    public static int numberSize(BigDecimal n) {
        if (n.signum() == 0) return 1;
        return numberSize(n.precision(), n.signum() < 0);
    }

    /** A non-zero number of {@code digits} significant digits: two a byte, plus one; a negative number costs one more. */
    public static int numberSize(int digits, boolean negative) {
        return (digits + 1) / 2 + 1 + (negative ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof AttributeValue other) || other.type != type) return false;
        return switch (type) {
            case N -> n().compareTo(other.n()) == 0;
            case SS, NS, BS -> setMembers().size() == other.setMembers().size()
                    && new HashSet<>(normalisedMembers()).equals(new HashSet<>(other.normalisedMembers()));
            default -> value.equals(other.value);
        };
    }

    private List<Object> normalisedMembers() {
        if (type != AttributeType.NS) return setMembers();
        List<Object> out = new ArrayList<>();
        for (BigDecimal d : ns()) out.add(d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros());
        return out;
    }

    @Override
    public int hashCode() {
        return switch (type) {
            case N -> n().signum() == 0 ? 0 : n().stripTrailingZeros().hashCode();
            case SS, NS, BS -> new HashSet<>(normalisedMembers()).hashCode();
            default -> value.hashCode();
        };
    }

    @Override
    public String toString() {
        return "{" + type + ": " + (type == AttributeType.N ? Numbers.format(n()) : String.valueOf(value)) + "}";
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
