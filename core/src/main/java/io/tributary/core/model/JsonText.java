package io.tributary.core.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** What JSON requires of a string's UTF-8: which bytes must be escaped. */
public final class JsonText {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES, BACKSLASHES = '\\' * ONES;

    private JsonText() {}

    /**
     * Whether UTF-8 holds a byte JSON must escape: a control character, a quote or a backslash. Asked once of
     * each string an item stores, and of stored strings not known to be plain when they are written out. Read
     * eight bytes at a time, because Jackson's byte-by-byte check showed in Query profiles (docs/benchmarks-analysis.md).
     */
    public static boolean needsEscaping(byte[] utf8, int offset, int length) {
        int i = offset, end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            if (escapedBytes((long) LONGS.get(utf8, i)) != 0) return true;
        }
        if (i == end) return false;
        if (i + Long.BYTES <= utf8.length) {
            // The last few bytes as one word, most of a stored item's strings being shorter than one: the
            // bytes past the string, in the word's high end, are masked off, and a borrow only moves upwards.
            return (escapedBytes((long) LONGS.get(utf8, i)) & ((1L << ((end - i) << 3)) - 1)) != 0;
        }
        for (; i < end; i++) {
            int c = utf8[i];
            if (c >= 0 && (c < 0x20 || c == '"' || c == '\\')) return true;
        }
        return false;
    }

    /** The high bit of each byte JSON must escape is set, and of bytes above the lowest such byte maybe too. */
    private static long escapedBytes(long word) {
        return byteBelow(word, 0x20) | byteBelow(word ^ QUOTES, 1) | byteBelow(word ^ BACKSLASHES, 1);
    }

    /**
     * Non-zero exactly when a byte of {@code word} below 0x80 is below {@code n} (n at most 0x80): no byte at or
     * above n borrows, and bytes of 0x80 and up (UTF-8 beyond ASCII, never escaped) have their high bit masked.
     */
    private static long byteBelow(long word, int n) {
        return (word - n * ONES) & ~word & HIGH_BITS;
    }
}
