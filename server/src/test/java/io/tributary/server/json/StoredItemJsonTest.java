package io.tributary.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Bytes;
import io.tributary.core.model.Numbers;
import io.tributary.core.storage.ItemCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An item written from its stored bytes must be the same JSON as the decoded item. Not always the same bytes:
 * Jackson escapes a character outside the BMP as a surrogate pair when it writes a String, and copies its
 * four UTF-8 bytes when it writes stored UTF-8; any JSON reader gets the same string from both.
 */
class StoredItemJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writes_the_same_json_as_the_decoded_item() throws Exception {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("s", AttributeValue.s("plain"));
        item.put("escapes \"\\\n", AttributeValue.s("quote \" backslash \\ newline \n tab \t nul \u0000 del \u007f"));
        item.put("unicode", AttributeValue.s("héllo 𝄞 \u2028 日本"));
        item.put("n", AttributeValue.n(Numbers.parse("-123.4500")));
        item.put("big", AttributeValue.n(Numbers.parse("9.9999999999999999999999999999999999999E+125")));
        item.put("zero", AttributeValue.n(Numbers.parse("-0.0")));
        for (String n : new String[]{"0", "7", "-7", "10", "-100", "1E+3", "-2.50E+2", "36028797018963967", "-36028797018963968",
                "36028797018963968", "-1234567890123456789012"}) {
            item.put("n " + n, AttributeValue.n(Numbers.parse(n)));
        }
        item.put("b", AttributeValue.b(Bytes.wrap(new byte[]{0, (byte) 255, 7, 42})));
        item.put("t", AttributeValue.TRUE);
        item.put("f", AttributeValue.FALSE);
        item.put("null", AttributeValue.NULL);
        item.put("l", AttributeValue.l(List.of(AttributeValue.s("x"), AttributeValue.l(List.of()), AttributeValue.NULL,
                AttributeValue.m(Map.of("k", AttributeValue.n(Numbers.parse("7")))))));
        item.put("m", AttributeValue.m(Map.of("inner", AttributeValue.m(Map.of()))));
        item.put("ss", AttributeValue.ss(List.of("a", "b\"")));
        item.put("ns", AttributeValue.ns(List.of(Numbers.parse("1"), Numbers.parse("2.5"))));
        item.put("bs", AttributeValue.bs(List.of(Bytes.wrap(new byte[]{1}), Bytes.wrap(new byte[]{2, 3}))));
        byte[] stored = ItemCodec.encode(item);

        ObjectNode decoded = Json.object();
        decoded.set("Item", AttributeValueJson.writeItem(item));
        ObjectNode asStored = Json.object();
        asStored.set("Item", StoredItemJson.of(stored));
        JsonNode expected = JSON.readTree(Json.write(decoded));
        assertEquals(expected, JSON.readTree(Json.write(asStored)), "written as bytes, as answers are");
        assertEquals(expected, JSON.readTree(asStored.toString()), "written as characters, as a node's toString is");
        assertTrue(new String(Json.write(asStored), StandardCharsets.UTF_8).contains("héllo 𝄞"), "stored UTF-8 is copied as it is");
    }

    @Test
    void names_stay_right_when_more_of_them_pass_than_are_remembered() throws Exception {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) item.put("name" + i + (i % 3 == 0 ? "é" : ""), AttributeValue.s("v" + i));
        byte[] stored = ItemCodec.encode(item);
        JsonNode expected = JSON.readTree(Json.write(AttributeValueJson.writeItem(item)));
        for (int round = 0; round < 3; round++) {
            assertEquals(expected, JSON.readTree(Json.write(StoredItemJson.of(stored))), "round " + round);
        }
    }

    /** Names of up to eight bytes are compared as one word, read past the name when the array goes on. */
    @Test
    void short_names_that_differ_only_in_length_stay_apart_wherever_they_are_read() throws Exception {
        AttributeNames names = new AttributeNames();
        String[] all = {"", "a", "a\0", "a\0\0", "ab", "abcdefg", "abcdefgh", "abcdefgh\0", "abcdefghi", "é", "日本", "\"q\""};
        for (int round = 0; round < 2; round++) {
            for (String name : all) {
                byte[] alone = name.getBytes(StandardCharsets.UTF_8);
                byte[] inside = ("x" + name + "zzzzzzzzz").getBytes(StandardCharsets.UTF_8);
                for (byte[] field : List.of(names.field(inside, 1, alone.length), names.field(alone, 0, alone.length))) {
                    String text = new String(field, StandardCharsets.UTF_8);
                    assertTrue(text.endsWith(":"), text);
                    assertEquals(name, JSON.readTree(text.substring(0, text.length() - 1)).textValue(), "the field written");
                }
            }
        }
    }

    /** Strings written as stored skip JSON's escaping only when their bytes need none, wherever the byte is. */
    @Test
    void strings_that_need_escaping_are_escaped_wherever_the_byte_is() throws Exception {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("long", AttributeValue.s("0123456789abcdef0123456789abcdef\\"));
        item.put("late quote", AttributeValue.s("0123456789abcdef01234567\"\u0001"));
        String plain = "0123456789abcdefé日";
        for (int at = 0; at < plain.length(); at++) {
            for (char c : new char[] {'"', '\\', '\n', '\u0001', '\u001f'}) {
                item.put("at " + at + " " + (int) c, AttributeValue.s(plain.substring(0, at) + c + plain.substring(at + 1)));
            }
        }
        byte[] stored = ItemCodec.encode(item);
        JsonNode expected = JSON.readTree(Json.write(AttributeValueJson.writeItem(item)));
        assertEquals(expected, JSON.readTree(Json.write(StoredItemJson.of(stored))));
        ObjectNode page = Json.object();
        StoredItemJson.Page items = StoredItemJson.page();
        items.add(stored);
        page.set("Items", items.end());
        assertEquals(expected, JSON.readTree(Json.write(page)).get("Items").get(0), "in a page");
    }

    /** Before plain strings were told apart, every S was tagged with its type's ordinal (0): such items read the same. */
    @Test
    void items_stored_before_plain_strings_were_marked_are_written_the_same() throws Exception {
        // two attributes: a name's length and bytes, the tag, the string's length and bytes
        byte[] old = {2, 1, 'a', 0, 5, 'p', 'l', 'a', 'i', 'n', 1, 'b', 0, 7, 'q', 'u', 'o', 't', 'e', ' ', '"'};

        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("a", AttributeValue.s("plain"));
        item.put("b", AttributeValue.s("quote \""));
        assertEquals(item, ItemCodec.decode(old));
        JsonNode expected = JSON.readTree(Json.write(AttributeValueJson.writeItem(item)));
        assertEquals(expected, JSON.readTree(Json.write(StoredItemJson.of(old))));
        assertEquals(expected, JSON.readTree(StoredItemJson.of(old).toString()), "written as characters");
    }

    @Test
    void a_page_of_items_larger_than_the_generators_buffer_stays_whole() throws Exception {
        ObjectNode decoded = Json.object(), asStored = Json.object();
        var expectedItems = decoded.putArray("Items");
        var storedItems = asStored.putArray("Items");
        for (int i = 0; i < 30; i++) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("pk", AttributeValue.s("item#" + i));
            item.put("data", AttributeValue.s("é\"x".repeat(i * 300)));
            item.put("nested", AttributeValue.m(Map.of("l", AttributeValue.l(List.of(AttributeValue.n(Numbers.parse("" + i)),
                    AttributeValue.ss(List.of("a", "b")), AttributeValue.m(Map.of()))))));
            expectedItems.add(AttributeValueJson.writeItem(item));
            storedItems.add(StoredItemJson.of(ItemCodec.encode(item)));
        }
        decoded.put("Count", 30);
        asStored.put("Count", 30);
        assertEquals(JSON.readTree(Json.write(decoded)), JSON.readTree(Json.write(asStored)));
    }

    /** A Query page hands each item over in a buffer it then reuses, longer than the item and with the last one's bytes after it. */
    @Test
    void a_page_written_as_items_are_added_is_the_array_of_the_decoded_items() throws Exception {
        ObjectNode decoded = Json.object(), asStored = Json.object();
        var expectedItems = decoded.putArray("Items");
        StoredItemJson.Page page = StoredItemJson.page();
        byte[] reused = new byte[64];
        for (int i = 0; i < 40; i++) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("pk", AttributeValue.s("item#" + i));
            item.put("data", AttributeValue.s("é\"x".repeat((i * 7919) % 2000)));
            item.put("n", AttributeValue.n(Numbers.parse(i + ".5")));
            if (i % 3 == 0) item.put("l", AttributeValue.l(List.of(AttributeValue.NULL, AttributeValue.ss(List.of("a")))));
            expectedItems.add(AttributeValueJson.writeItem(item));
            byte[] stored = ItemCodec.encode(item);
            if (stored.length > reused.length) reused = Arrays.copyOf(reused, stored.length * 2);
            System.arraycopy(stored, 0, reused, 0, stored.length);
            page.add(reused);
        }
        asStored.set("Items", page.end());
        JsonNode expected = JSON.readTree(Json.write(decoded));
        assertEquals(expected, JSON.readTree(Json.write(asStored)), "written as bytes, as answers are");
        assertEquals(expected, JSON.readTree(asStored.toString()), "written as characters, as a node's toString is");
        assertEquals(JSON.readTree("{\"Items\":[]}"), JSON.readTree(Json.write(Json.object().set("Items", StoredItemJson.page().end()))),
                "an empty page");
    }

    /** A page ends in its thread's buffer; the next page read on that thread must not write over it unseen. */
    @Test
    void a_page_not_yet_written_when_its_thread_reads_the_next_keeps_its_items() throws Exception {
        StoredItemJson.Page first = StoredItemJson.page();
        first.add(ItemCodec.encode(Map.of("pk", AttributeValue.s("first"))));
        ObjectNode firstAnswer = Json.object().set("Items", first.end());
        StoredItemJson.Page second = StoredItemJson.page();
        second.add(ItemCodec.encode(Map.of("pk", AttributeValue.s("second, and longer than the first"))));
        second.add(ItemCodec.encode(Map.of("pk", AttributeValue.s("third"))));
        ObjectNode secondAnswer = Json.object().set("Items", second.end());
        assertEquals(JSON.readTree("{\"Items\":[{\"pk\":{\"S\":\"first\"}}]}"), JSON.readTree(Json.write(firstAnswer)));
        assertEquals(JSON.readTree("{\"Items\":[{\"pk\":{\"S\":\"second, and longer than the first\"}},{\"pk\":{\"S\":\"third\"}}]}"),
                JSON.readTree(Json.write(secondAnswer)));
        assertEquals(JSON.readTree(Json.write(firstAnswer)), JSON.readTree(firstAnswer.toString()), "and again, as characters");

        StoredItemJson.page().end();
        Exception e = assertThrows(RuntimeException.class, () -> Json.write(secondAnswer),
                "a page written and then written over by its thread's next page is gone, not answered with the next one's items");
        assertTrue(String.valueOf(e.getMessage()).contains("written once"), e.getMessage());
    }

    @Test
    void objects_built_field_by_field_escape_what_json_requires_and_can_be_cut_back() throws Exception {
        StoredItemJson.Field name = StoredItemJson.Field.named("name \"q\""), n = StoredItemJson.Field.named("n"),
                item = StoredItemJson.Field.named("item"), inner = StoredItemJson.Field.named("inner");
        byte[] stored = ItemCodec.encode(Map.of("k", AttributeValue.s("v")));
        StoredItemJson.Page page = StoredItemJson.page();
        page.beginObject();
        page.string(name, "plain");
        page.number(n, -1234567890123L);
        ItemCodec.visit(stored, page.value(item));
        page.beginObject(inner);
        page.number(n, 0);
        page.endObject();
        page.endObject();
        int mark = page.length();
        page.beginObject();
        page.string(name, "taken back");
        page.endObject();
        page.cut(mark);
        page.beginObject();
        page.string(name, "quote \" backslash \\ newline \n nul \u0000 héllo 𝄞");
        page.endObject();
        ObjectNode out = Json.object();
        out.set("Records", page.end());

        assertEquals(JSON.readTree("""
                {"Records":[{"name \\"q\\"":"plain","n":-1234567890123,"item":{"k":{"S":"v"}},"inner":{"n":0}},
                 {"name \\"q\\"":"quote \\" backslash \\\\ newline \\n nul \\u0000 héllo 𝄞"}]}"""),
                JSON.readTree(Json.write(out)));
    }
}
