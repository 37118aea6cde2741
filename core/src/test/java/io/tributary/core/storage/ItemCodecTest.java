package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Bytes;
import io.tributary.core.model.Numbers;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ItemCodecTest {
    @Test
    void every_type_round_trips() {
        Map<String, AttributeValue> item = everyType();
        Map<String, AttributeValue> decoded = ItemCodec.decode(ItemCodec.encode(item));
        assertEquals(item, decoded);
        assertEquals(List.copyOf(item.keySet()), List.copyOf(decoded.keySet()));
        assertEquals("-123.45", Numbers.format(decoded.get("n").n()));
    }

    @Test
    void the_size_read_from_the_stored_form_is_the_items_size() {
        Map<String, AttributeValue> item = everyType();
        item.put("nested", AttributeValue.l(List.of(AttributeValue.m(Map.of("ü", AttributeValue.ns(List.of(Numbers.parse("-0.001"))))),
                AttributeValue.NULL, AttributeValue.bs(List.of(Bytes.wrap(new byte[300]))))));
        item.put("zero", AttributeValue.n(Numbers.parse("0")));
        assertEquals(AttributeValue.itemSize(item), ItemCodec.itemSize(ItemCodec.encode(item)));
        assertEquals(AttributeValue.itemSize(Map.of()), ItemCodec.itemSize(ItemCodec.encode(Map.of())));
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
