package io.tributary.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.POJONode;
import io.tributary.core.storage.ItemCodec;

import java.io.IOException;

/**
 * Stored items written into answers straight from their stored bytes, with the same JSON as
 * {@link AttributeValueJson#writeItem} gives the decoded item: strings go out as the UTF-8 they are stored as,
 * and no attribute is built. For GetItem's item and the pages of Query, Scan and GetRecords, where decoding every
 * item into attribute values and then writing them was most of the work. The bytes are written by
 * {@link JsonBytes} into a buffer of the answering thread's ({@link ThreadBuffers}).
 */
public final class StoredItemJson {
    private StoredItemJson() {}

    /** The item stored as {@code stored}, as a node of an answer. */
    public static JsonNode of(byte[] stored) {
        return new POJONode(new StoredItem(stored));
    }

    /**
     * A page of stored items, written into one JSON array as they are added, so that the page keeps no item's
     * stored bytes and a reader may hand it bytes it then reuses (a Query or Scan page answered as stored, or
     * GetRecords' records, built field by field around their stored images). One page at a time on a thread,
     * until {@link Page#end}; the ended page is lent out of the thread's buffer ({@link ThreadBuffers}).
     */
    public static Page page() {
        return new Page(ThreadBuffers.openPage());
    }

    public static final class Page {
        private final JsonBytes items;

        private Page(JsonBytes items) {
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
            return new POJONode(ThreadBuffers.closePage());
        }
    }

    /** A field name of an answer's own, encoded once. */
    public static final class Field {
        private final byte[] json;

        private Field(byte[] json) {
            this.json = json;
        }

        public static Field named(String name) {
            return new Field(AttributeNames.fieldJson(JsonStringEncoder.getInstance().quoteAsUTF8(name)));
        }
    }

    /** One stored item, written when its answer is: its JSON is built in the thread's item buffer and copied into the answer. */
    private record StoredItem(byte[] stored) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            JsonBytes json = ThreadBuffers.item();
            ItemCodec.visit(stored, json);
            RawJson.write(gen, json.buffer(), json.length());
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
            serialize(gen, serializers);
        }
    }
}
