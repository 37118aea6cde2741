package io.tributary.server.fuzz;

import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Bytes;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads structured values out of a fuzzer's raw bytes, deterministically, so a seed file is a plain byte
 * string and a finding replays as it was found. Past the end every read yields zero.
 */
public final class FuzzInput {
    private final byte[] data;
    private int pos;

    public FuzzInput(byte[] data) {
        this.data = data;
    }

    public int next() {
        return pos < data.length ? data[pos++] & 0xFF : 0;
    }

    public boolean more() {
        return pos < data.length;
    }

    /** Up to {@code max} bytes as text: mostly printable, any code point now and then. */
    public String text(int max) {
        int length = Math.min(next() % (max + 1), data.length - Math.min(pos, data.length));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = next();
            if (c == 0xFF) sb.appendCodePoint(0x10000 + next() * 251);
            else if (c >= 0xF0) sb.append((char) (0x80 + next() * 7));
            else sb.append((char) c);
        }
        return sb.toString();
    }

    /** The rest as UTF-8 text. */
    public String rest() {
        String s = new String(data, Math.min(pos, data.length), Math.max(0, data.length - pos), StandardCharsets.UTF_8);
        pos = data.length;
        return s;
    }

    /** An item of up to a few attributes, nested at most {@code maxDepth} levels. */
    public Map<String, AttributeValue> item(int maxDepth) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        int n = 1 + next() % 6;
        for (int i = 0; i < n && more(); i++) {
            String name = text(12);
            item.put(name.isEmpty() ? "a" + i : name, value(1, maxDepth));
        }
        return item;
    }

    public AttributeValue value(int depth, int maxDepth) {
        int kind = next() % (depth < maxDepth ? 10 : 8);
        return switch (kind) {
            case 0 -> AttributeValue.s(text(40));
            case 1 -> AttributeValue.n(number());
            case 2 -> AttributeValue.b(Bytes.wrap(text(20).getBytes(StandardCharsets.UTF_8)));
            case 3 -> AttributeValue.bool(next() % 2 == 0);
            case 4 -> AttributeValue.NULL;
            case 5 -> AttributeValue.ss(distinct(() -> text(10)));
            case 6 -> AttributeValue.ns(distinct(this::number));
            case 7 -> AttributeValue.bs(distinct(() -> Bytes.wrap(text(10).getBytes(StandardCharsets.UTF_8))));
            case 8 -> {
                List<AttributeValue> list = new ArrayList<>();
                int n = next() % 4;
                for (int i = 0; i < n; i++) list.add(value(depth + 1, maxDepth));
                yield AttributeValue.l(list);
            }
            default -> {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                int n = next() % 4;
                for (int i = 0; i < n; i++) map.put(text(8), value(depth + 1, maxDepth));
                yield AttributeValue.m(map);
            }
        };
    }

    /** A number DynamoDB can hold: up to 38 significant digits, exponent within -130..125. */
    public BigDecimal number() {
        long unscaled = 0;
        int digits = next() % 19;
        for (int i = 0; i < digits; i++) unscaled = unscaled * 10 + next() % 10;
        if (next() % 2 == 1) unscaled = -unscaled;
        int scale = next() % 60 - 30;
        return BigDecimal.valueOf(unscaled, scale);
    }

    private <T> List<T> distinct(java.util.function.Supplier<T> member) {
        List<T> members = new ArrayList<>();
        int n = 1 + next() % 3;
        for (int i = 0; i < n; i++) {
            T m = member.get();
            if (members.stream().noneMatch(x -> x instanceof BigDecimal a ? a.compareTo((BigDecimal) m) == 0 : x.equals(m))) members.add(m);
        }
        return members;
    }
}
