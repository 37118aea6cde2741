package io.tributary.server.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.JsonText;
import io.tributary.core.model.Numbers;
import io.tributary.core.storage.ItemCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A stored item's JSON built as UTF-8 in a buffer of its own, for a generator to copy as one raw value. The
 * same JSON as {@link StoredItemJson.Writer} gives through the generator's calls, without them: with a call
 * and the generator's nesting state for every brace, name and type of every attribute, the generator's own
 * bookkeeping was as much of writing a page as the strings it wrote (async-profiler of Query, 100 items).
 * Strings and names are escaped by Jackson's encoder whenever they need it, so the escaping is Jackson's.
 * One per thread, reused: {@link #of} starts it over; and one per thread for pages of items, {@link #openArray}.
 */
final class StoredItemBytes implements ItemCodec.Visitor, SerializableString {
    private static final ThreadLocal<StoredItemBytes> CACHE = ThreadLocal.withInitial(() -> new StoredItemBytes(64 << 10));
    /**
     * A page buffer is kept at up to about the largest page's size (1 MB of items, a little more as JSON) so a
     * page does not regrow it from 64 KB; reads run on the event loops, so this is a few MB at most.
     */
    private static final ThreadLocal<StoredItemBytes> PAGES = ThreadLocal.withInitial(() -> new StoredItemBytes(2 << 20));
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII), FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAP_OPENING = {'{'}, LIST_OPENING = {'['};
    private static final byte[][] TYPE_PREFIXES = new byte[AttributeType.values().length][];

    static {
        for (AttributeType t : AttributeType.values()) {
            TYPE_PREFIXES[t.ordinal()] = ("{\"" + t.name() + "\":").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final StoredItemJson.Names names;
    private final int keptBytes;
    private byte[] buf;
    private int length;
    private boolean needComma;
    /** The last page closed, still in {@link #buf}. */
    private StoredItemJson.PageArray lent;

    private StoredItemBytes(int keptBytes) {
        this.keptBytes = keptBytes;
        names = new StoredItemJson.Names();
        buf = new byte[1024];
    }

    /** This thread's buffer, holding the JSON of {@code stored} until the next call. */
    static StoredItemBytes of(byte[] stored) throws IOException {
        StoredItemBytes b = CACHE.get().restart();
        ItemCodec.visit(stored, b);
        return b;
    }

    /**
     * This thread's page buffer, started over as an open JSON array: each item {@link ItemCodec#visit visited}
     * through it is written into the array, until {@link #closeArray}. One page at a time on a thread.
     */
    static StoredItemBytes openArray() {
        StoredItemBytes b = PAGES.get().restart();
        b.beginList(0);
        return b;
    }

    /**
     * Closes the array and returns its JSON, lent out of this thread's buffer until the next page is opened
     * on this thread. A page is nearly always written into its answer before that, so no copy is made.
     */
    StoredItemJson.PageArray closeArray() {
        endList();
        lent = new StoredItemJson.PageArray(buf, length);
        return lent;
    }

    private StoredItemBytes restart() {
        if (lent != null) {
            lent.bufferReused();
            lent = null;
        }
        // A buffer grown for one large item or page is not kept for the small ones after it.
        if (buf.length > keptBytes) buf = new byte[keptBytes];
        length = 0;
        needComma = false;
        return this;
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

    /** How many bytes have been written since the buffer was started over. */
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
     * made once, not once for each part: JMH queryPageAsStored 42,700 -> 46,200 pages/s with the same for names.
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

    // As a SerializableString this is raw JSON, written as it is: a generator's writeRawValue asks it for
    // its unquoted UTF-8 only. Quoting raw JSON would be a mistake, so those forms are refused.

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + length > buffer.length) return -1;
        System.arraycopy(buf, 0, buffer, offset, length);
        return length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOf(buf, length);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(buf, 0, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer out) {
        if (out.remaining() < length) return -1;
        out.put(buf, 0, length);
        return length;
    }

    @Override
    public String getValue() {
        return new String(buf, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String value = getValue();
        if (offset + value.length() > buffer.length) return -1;
        value.getChars(0, value.length(), buffer, offset);
        return value.length();
    }

    @Override
    public char[] asQuotedChars() {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int putQuotedUTF8(ByteBuffer out) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }
}
