package io.tributary.core.storage;

import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote. */
final class ByteReader {
    private final byte[] buf;
    private int pos;

    ByteReader(byte[] buf) {
        this(buf, 0);
    }

    ByteReader(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    int read() {
        return buf[pos++] & 0xFF;
    }

    boolean hasMore() {
        return pos < buf.length;
    }

    int position() {
        return pos;
    }

    long readVarint() {
        long v = 0;
        int shift = 0;
        while (true) {
            int b = read();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
            shift += 7;
        }
    }

    int readInt() {
        return (read() << 24) | (read() << 16) | (read() << 8) | read();
    }

    long readLong() {
        return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
    }

    byte[] readBytes() {
        int n = (int) readVarint();
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Moves past {@code n} bytes and returns where they start in {@link #buffer()}. */
    int skip(int n) {
        int start = pos;
        pos += n;
        return start;
    }

    byte[] buffer() {
        return buf;
    }

    String readString() {
        int n = (int) readVarint();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }
}
