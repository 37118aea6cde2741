package io.tributary.server.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.JsonText;
import io.tributary.core.model.Numbers;
import io.tributary.core.storage.ItemCodec;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * JSON written as UTF-8 into a byte array that grows as needed, with the comma bookkeeping of maps and lists.
 * It is an {@link ItemCodec.Visitor}, so a stored item is walked straight into it: the same JSON a generator
 * would write, without a generator call and its nesting state for every brace, name and type (async-profiler of
 * Query, 100 items: that bookkeeping was as much of writing a page as the strings). Strings and names that
 * need escaping are escaped by Jackson's encoder. Which buffer a thread writes into is {@link ThreadBuffers}'s.
 */
final class JsonBytes implements ItemCodec.Visitor {
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII), FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAP_OPENING = {'{'}, LIST_OPENING = {'['};
    private static final byte[][] TYPE_PREFIXES = new byte[AttributeType.values().length][];

    static {
        for (AttributeType t : AttributeType.values()) {
            TYPE_PREFIXES[t.ordinal()] = ("{\"" + t.name() + "\":").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final AttributeNames names = new AttributeNames();
    private byte[] buf = new byte[1024];
    private int length;
    private boolean needComma;

    /** Starts over, empty; a buffer grown past {@code keptBytes} for one large item or page is not kept for the small ones after it. */
    JsonBytes clear(int keptBytes) {
        if (buf.length > keptBytes) buf = new byte[keptBytes];
        length = 0;
        needComma = false;
        return this;
    }

    /** The bytes written, up to {@link #length}; the array itself, valid until the next write. */
    byte[] buffer() {
        return buf;
    }

    @Override
    public void beginMap(int size) {
        open(MAP_OPENING);
    }

    /**
     * The same as {@link #field} of the name's field, written out again: calling field adds a level the JIT
     * did not inline on the Query path.
     */
    @Override
    public void name(byte[] utf8, int offset, int length) {
        byte[] field = names.field(utf8, offset, length);
        ensure(field.length + 1);
        if (needComma) buf[this.length++] = ',';
        System.arraycopy(field, 0, buf, this.length, field.length);
        this.length += field.length;
        needComma = false;
    }

    /** A field's name, given as it is written: quoted, escaped, followed by its colon. */
    void field(byte[] field) {
        ensure(field.length + 1);
        if (needComma) buf[length++] = ',';
        System.arraycopy(field, 0, buf, length, field.length);
        length += field.length;
        needComma = false;
    }

    @Override
    public void endMap() {
        close('}');
    }

    @Override
    public void beginValue(AttributeType type) {
        open(TYPE_PREFIXES[type.ordinal()]);
    }

    @Override
    public void endValue() {
        close('}');
    }

    @Override
    public void beginList(int size) {
        open(LIST_OPENING);
    }

    @Override
    public void endList() {
        close(']');
    }

    @Override
    public void string(byte[] utf8, int offset, int length, boolean plain) {
        if (!plain && JsonText.needsEscaping(utf8, offset, length)) {
            byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(new String(utf8, offset, length, StandardCharsets.UTF_8));
            quoted(escaped, 0, escaped.length);
        } else {
            quoted(utf8, offset, length);
        }
    }

    @Override
    public void number(BigDecimal n) {
        startValue();
        String text = Numbers.format(n);
        ensure(text.length() + 2);
        buf[length++] = '"';
        for (int i = 0; i < text.length(); i++) buf[length++] = (byte) text.charAt(i); // digits, sign and point only
        close('"');
    }

    @Override
    public void number(long unscaled, int scale) {
        if (scale != 0) {
            number(BigDecimal.valueOf(unscaled, scale));
            return;
        }
        startValue();
        ensure(22);
        buf[length++] = '"';
        digits(unscaled); // stored numbers that fit a long are within 2^56, so -unscaled is too
        close('"');
    }

    /** A JSON number, unquoted (attribute values' numbers are strings in DynamoDB's JSON; this is for answers' own). */
    void integer(long value) {
        startValue();
        ensure(20);
        digits(value);
        needComma = true;
    }

    /** {@code value}'s digits, after a minus if it is negative; any long but Long.MIN_VALUE. */
    private void digits(long value) {
        if (value < 0) buf[length++] = '-';
        int first = length;
        long rest = Math.abs(value);
        do {
            buf[length++] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        for (int i = first, j = length - 1; i < j; i++, j--) {
            byte digit = buf[i];
            buf[i] = buf[j];
            buf[j] = digit;
        }
    }

    /** A string value given as a String, escaped by Jackson's encoder if it needs it. */
    void text(String value) {
        int n = value.length();
        boolean plain = true;
        for (int i = 0; i < n && plain; i++) {
            char c = value.charAt(i);
            plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
        }
        if (!plain) {
            byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
            quoted(escaped, 0, escaped.length);
            return;
        }
        ensure(n + 3);
        if (needComma) buf[length++] = ',';
        buf[length++] = '"';
        for (int i = 0; i < n; i++) buf[length++] = (byte) value.charAt(i);
        buf[length++] = '"';
        needComma = true;
    }

    /** How many bytes have been written since the buffer was {@link #clear cleared}. */
    int length() {
        return length;
    }

    /**
     * Takes back everything written after {@code mark}, a {@link #length} taken between two values: whether the
     * next value needs a comma is read off the byte before the mark.
     */
    void cut(int mark) {
        if (mark < 1 || mark > length) throw new IllegalArgumentException("no mark " + mark + " in " + length + " bytes");
        length = mark;
        byte last = buf[mark - 1];
        needComma = last != '[' && last != '{' && last != ':' && last != ',';
    }

    @Override
    public void binary(byte[] data, int offset, int length) {
        ByteBuffer base64 = Base64.getEncoder().encode(ByteBuffer.wrap(data, offset, length));
        quoted(base64.array(), base64.arrayOffset(), base64.remaining());
    }

    @Override
    public void bool(boolean value) {
        startValue();
        put(value ? TRUE : FALSE);
        needComma = true;
    }

    /**
     * {@code n} bytes that need no escaping as a quoted value, after a comma if one is due. Room for all of it is
     * made once, not once for each part, as for names: this is most of a page's writing.
     */
    private void quoted(byte[] text, int from, int n) {
        ensure(n + 3);
        if (needComma) buf[length++] = ',';
        buf[length++] = '"';
        System.arraycopy(text, from, buf, length, n);
        length += n;
        buf[length++] = '"';
        needComma = true;
    }

    private void startValue() {
        if (needComma) put((byte) ',');
    }

    /** Starts a value that opens with {@code opening}: a map, a list, or an attribute value and its type. */
    private void open(byte[] opening) {
        startValue();
        put(opening);
        needComma = false;
    }

    /** Ends a value with {@code closing}, so that whatever follows it in the same map or list needs a comma. */
    private void close(char closing) {
        put((byte) closing);
        needComma = true;
    }

    private void put(byte b) {
        ensure(1);
        buf[length++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int n) {
        if (length + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
    }
}
