package io.tributary.core.storage;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Bytes;
import io.tributary.core.model.Numbers;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ItemCodecTest {
    @Test
    void numbers_are_stored_as_their_scale_and_the_unscaled_values_twos_complement_bytes() {
        List<String> numbers = new ArrayList<>(List.of("0", "1", "-1", "127", "128", "-128", "-129", "255", "256",
                "32767", "-32768", "0.5", "-0.005", "123.45", "1E+30", "-7E-20", "999999999999999999",
                "-999999999999999999", "9999999999999999999", "-12345678901234567890.123", "1E-130",
                "9.9999999999999999999999999999999999999E+125"));
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            numbers.add(BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(40) - 20).toString());
        }
        for (String text : numbers) {
            BigDecimal n = new BigDecimal(text);
            ByteWriter expected = new ByteWriter(32);
            expected.writeVarint((n.scale() << 1) ^ (n.scale() >> 31));
            expected.writeBytes(n.unscaledValue().toByteArray());
            ByteWriter written = new ByteWriter(32);
            ItemCodec.writeNumber(written, n);
            assertArrayEquals(expected.toByteArray(), written.toByteArray(), text);
        }
    }

    @Test
    void every_type_round_trips() {
        Map<String, AttributeValue> item = everyType();
        Map<String, AttributeValue> decoded = ItemCodec.decode(ItemCodec.encode(item));
        assertEquals(item, decoded);
        assertEquals(List.copyOf(item.keySet()), List.copyOf(decoded.keySet()));
        assertEquals("-123.45", Numbers.format(decoded.get("n").n()));
    }

    @Test
    void the_size_read_from_the_stored_form_is_the_items_size() throws Exception {
        Map<String, AttributeValue> item = everyType();
        item.put("nested", AttributeValue.l(List.of(AttributeValue.m(Map.of("ü", AttributeValue.ns(List.of(Numbers.parse("-0.001"))))),
                AttributeValue.NULL, AttributeValue.bs(List.of(Bytes.wrap(new byte[300]))))));
        item.put("zero", AttributeValue.n(Numbers.parse("0")));
        String[] numbers = {"9", "10", "-10", "99999", "100000", "1E+3", "-36028797018963968", "36028797018963967",
                "36028797018963968", "99999999999999999", "100000000000000000", "-1234567890123456789"};
        for (String n : numbers) item.put("n " + n, AttributeValue.n(Numbers.parse(n)));
        assertEquals(AttributeValue.itemSize(item), ItemCodec.itemSize(ItemCodec.encode(item)));
        assertEquals(AttributeValue.itemSize(item), visitedSize(ItemCodec.encode(item)), "the size a visit returns");
        for (String n : numbers) {
            Map<String, AttributeValue> one = Map.of("n", AttributeValue.n(Numbers.parse(n)));
            assertEquals(AttributeValue.itemSize(one), ItemCodec.itemSize(ItemCodec.encode(one)), n);
            assertEquals(AttributeValue.itemSize(one), visitedSize(ItemCodec.encode(one)), n);
        }
        assertEquals(AttributeValue.itemSize(Map.of()), ItemCodec.itemSize(ItemCodec.encode(Map.of())));
        assertEquals(AttributeValue.itemSize(Map.of()), visitedSize(ItemCodec.encode(Map.of())));
    }

    private static int visitedSize(byte[] stored) throws Exception {
        return ItemCodec.visit(stored, new IgnoringVisitor());
    }

    /** A visitor that takes no notice of anything: a test overrides what it looks at. */
    private static class IgnoringVisitor implements ItemCodec.Visitor {
        @Override public void beginMap(int size) { }
        @Override public void name(byte[] utf8, int offset, int length) { }
        @Override public void endMap() { }
        @Override public void beginValue(AttributeType type) { }
        @Override public void endValue() { }
        @Override public void beginList(int size) { }
        @Override public void endList() { }
        @Override public void string(byte[] utf8, int offset, int length, boolean plain) { }
        @Override public void number(BigDecimal n) { }
        @Override public void binary(byte[] data, int offset, int length) { }
        @Override public void bool(boolean value) { }
    }

    @Test
    void an_item_inside_a_larger_record_is_skipped_whole_and_visited_where_it_starts() throws Exception {
        Map<String, AttributeValue> first = everyType(), second = Map.of("after", AttributeValue.s("the first"));
        ByteWriter w = new ByteWriter(64);
        w.write(9);
        ItemCodec.writeMap(w, first);
        ItemCodec.writeMap(w, second);
        w.write(7);
        byte[] record = w.toByteArray();

        ByteReader r = new ByteReader(record, 1);
        ItemCodec.skipMap(r);
        int secondAt = r.position();
        assertEquals(second, ItemCodec.readMap(r));
        assertEquals(7, r.read());
        assertFalse(r.hasMore());

        List<String> names = new ArrayList<>();
        ItemCodec.visit(record, 1, new IgnoringVisitor() {
            private int depth;

            @Override public void beginMap(int size) { depth++; }
            @Override public void name(byte[] utf8, int offset, int length) {
                if (depth == 1) names.add(new String(utf8, offset, length, StandardCharsets.UTF_8));
            }
            @Override public void endMap() { depth--; }
        });
        assertEquals(List.copyOf(first.keySet()), names);
        assertTrue(secondAt > 1);
    }

    @Test
    void a_string_is_marked_plain_exactly_when_json_need_not_escape_it() throws Exception {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        Map<String, Boolean> expected = new LinkedHashMap<>();
        String[] plain = {"", "plain", "héllo 𝄞 日本", "del \u007f", "0123456789abcdef0123456789"};
        String[] escaped = {"quote \"", "back\\slash", "new\nline", "\u0000", "tab\t", "0123456789abcdef0123456789\u001f"};
        for (String s : plain) {
            item.put("plain " + s, AttributeValue.s(s));
            expected.put("plain " + s, true);
        }
        for (String s : escaped) {
            item.put("escaped " + s, AttributeValue.s(s));
            expected.put("escaped " + s, false);
        }
        item.put("nested", AttributeValue.m(Map.of("inner", AttributeValue.s("x\"y"))));
        expected.put("inner", false);
        item.put("set", AttributeValue.ss(List.of("a", "b")));
        expected.put("set", false);  // not looked at when written

        byte[] stored = ItemCodec.encode(item);
        Map<String, Boolean> seen = new LinkedHashMap<>();
        ItemCodec.visit(stored, new IgnoringVisitor() {
            private String name;

            @Override public void name(byte[] utf8, int offset, int length) {
                name = new String(utf8, offset, length, StandardCharsets.UTF_8);
            }
            @Override public void string(byte[] utf8, int offset, int length, boolean isPlain) {
                seen.merge(name, isPlain, Boolean::logicalAnd);
            }
        });
        assertEquals(expected, seen);
        assertEquals(item, ItemCodec.decode(stored));
        assertEquals(AttributeValue.itemSize(item), ItemCodec.itemSize(stored));
    }

    /** Every S was tagged with its type's ordinal before plain strings were told apart: such items read as before. */
    @Test
    void strings_stored_before_plain_ones_were_marked_read_as_they_did() throws Exception {
        ByteWriter w = new ByteWriter(32);
        w.writeVarint(2);
        w.writeString("a");
        w.write(AttributeType.S.ordinal());
        w.writeString("plain");
        w.writeString("b");
        w.write(AttributeType.S.ordinal());
        w.writeString("quote \"");
        byte[] old = w.toByteArray();

        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("a", AttributeValue.s("plain"));
        item.put("b", AttributeValue.s("quote \""));
        assertEquals(item, ItemCodec.decode(old));
        assertEquals(AttributeValue.itemSize(item), ItemCodec.itemSize(old));
        List<Boolean> plain = new ArrayList<>();
        assertEquals(AttributeValue.itemSize(item), ItemCodec.visit(old, new IgnoringVisitor() {
            @Override public void string(byte[] utf8, int offset, int length, boolean isPlain) {
                plain.add(isPlain);
            }
        }));
        assertEquals(List.of(false, false), plain, "not known to be plain");
        ByteReader r = new ByteReader(old);
        ItemCodec.skipMap(r);
        assertFalse(r.hasMore());
    }

    private static Map<String, AttributeValue> everyType() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("s", AttributeValue.s("héllo 𝄞"));
        item.put("n", AttributeValue.n(Numbers.parse("-123.4500")));
        item.put("big", AttributeValue.n(Numbers.parse("9.9999999999999999999999999999999999999E+125")));
        item.put("tiny", AttributeValue.n(Numbers.parse("1E-130")));
        item.put("b", AttributeValue.b(Bytes.wrap(new byte[]{0, (byte) 255, 7})));
        item.put("t", AttributeValue.TRUE);
        item.put("f", AttributeValue.FALSE);
        item.put("null", AttributeValue.NULL);
        item.put("l", AttributeValue.l(List.of(AttributeValue.s("x"), AttributeValue.l(List.of()))));
        item.put("m", AttributeValue.m(Map.of("k", AttributeValue.m(Map.of()))));
        item.put("ss", AttributeValue.ss(List.of("a", "b")));
        item.put("ns", AttributeValue.ns(List.of(Numbers.parse("1"), Numbers.parse("2.5"))));
        item.put("bs", AttributeValue.bs(List.of(Bytes.wrap(new byte[]{1}), Bytes.wrap(new byte[]{2}))));
        return item;
    }
}
