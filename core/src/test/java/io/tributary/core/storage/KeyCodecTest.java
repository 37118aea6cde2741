package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Bytes;
import io.tributary.core.model.Numbers;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class KeyCodecTest {
    static final Comparator<byte[]> BYTEWISE = Arrays::compareUnsigned;

    @Test
    void numbers_sort_by_value_across_signs_magnitudes_and_fractions() {
        List<String> ordered = List.of("-9.9999999999999999999999999999999999999E+125", "-1000", "-100", "-99.5", "-10", "-1",
                "-0.5", "-0.05", "-1E-130", "0", "1E-130", "0.05", "0.5", "1", "1.0001", "10", "99.5", "100", "1000",
                "9.9999999999999999999999999999999999999E+125");
        for (int i = 0; i + 1 < ordered.size(); i++) {
            byte[] a = KeyCodec.encode(AttributeValue.n(Numbers.parse(ordered.get(i))));
            byte[] b = KeyCodec.encode(AttributeValue.n(Numbers.parse(ordered.get(i + 1))));
            assertTrue(BYTEWISE.compare(a, b) < 0, ordered.get(i) + " < " + ordered.get(i + 1));
        }
    }

    @Test
    void random_numbers_sort_like_bigdecimal() {
        Random r = new Random(42);
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            values.add(Numbers.check(BigDecimal.valueOf(r.nextLong() % 1_000_000, r.nextInt(20) - 10)));
        }
        List<BigDecimal> byValue = new ArrayList<>(values);
        byValue.sort(Comparator.naturalOrder());
        List<BigDecimal> byKey = new ArrayList<>(values);
        byKey.sort((a, b) -> BYTEWISE.compare(KeyCodec.encode(AttributeValue.n(a)), KeyCodec.encode(AttributeValue.n(b))));
        for (int i = 0; i < values.size(); i++) assertEquals(0, byValue.get(i).compareTo(byKey.get(i)));
    }

    @Test
    void equal_numbers_encode_identically() {
        assertArrayEquals(KeyCodec.encode(AttributeValue.n(Numbers.parse("1.50"))), KeyCodec.encode(AttributeValue.n(Numbers.parse("1.5"))));
    }

    @Test
    void strings_sort_by_utf8_bytes_and_prefixes_first() {
        List<String> ordered = List.of("", "a", "a\u0000", "a\u0000b", "ab", "b", "z", "\u00e9", "\uffff", "\ud83d\ude00");
        for (int i = 0; i + 1 < ordered.size(); i++) {
            byte[] a = KeyCodec.encode(AttributeValue.s(ordered.get(i)));
            byte[] b = KeyCodec.encode(AttributeValue.s(ordered.get(i + 1)));
            assertTrue(BYTEWISE.compare(a, b) < 0, i + ": " + ordered.get(i) + " < " + ordered.get(i + 1));
            assertTrue(Arrays.compareUnsigned(ordered.get(i).getBytes(StandardCharsets.UTF_8), ordered.get(i + 1).getBytes(StandardCharsets.UTF_8)) < 0);
        }
    }

    @Test
    void binary_sorts_unsigned() {
        byte[][] ordered = {{}, {0}, {0, 0}, {1}, {127}, {(byte) 128}, {(byte) 255}, {(byte) 255, 0}};
        for (int i = 0; i + 1 < ordered.length; i++) {
            assertTrue(BYTEWISE.compare(KeyCodec.encode(AttributeValue.b(Bytes.wrap(ordered[i]))),
                    KeyCodec.encode(AttributeValue.b(Bytes.wrap(ordered[i + 1])))) < 0);
        }
    }
}
