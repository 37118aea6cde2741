package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Order-preserving, self-delimiting encodings of key attribute values, so that RocksDB's bytewise order
 * is DynamoDB's order (strings by UTF-8 bytes, numbers by value, binary by unsigned bytes) and a Query
 * is one range read.
 */
public final class KeyCodec {
    private KeyCodec() {}

    public static void encode(ByteWriter w, AttributeValue v) {
        switch (v.type()) {
            case S -> encodeBytes(w, v.s().getBytes(StandardCharsets.UTF_8));
            case B -> encodeBytes(w, v.b().array());
            case N -> encodeNumber(w, v.n());
            default -> throw new IllegalArgumentException("not a key type: " + v.type());
        }
    }

    public static byte[] encode(AttributeValue v) {
        ByteWriter w = new ByteWriter(32);
        encode(w, v);
        return w.toByteArray();
    }

    /** Zero bytes are escaped as 00 FF and the value ends with 00 01, so a prefix sorts first. */
    static void encodeBytes(ByteWriter w, byte[] bytes) {
        for (byte b : bytes) {
            w.write(b);
            if (b == 0) w.write(0xFF);
        }
        w.write(0);
        w.write(1);
    }

    /**
     * Sign byte (negative 0, zero 1, positive 2), then the decimal exponent and the digits; for negative
     * numbers both are complemented so that a larger magnitude sorts first, and the terminator sorts last.
     */
    static void encodeNumber(ByteWriter w, BigDecimal n) {
        if (n.signum() == 0) {
            w.write(1);
            return;
        }
        BigDecimal abs = n.abs().stripTrailingZeros();
        String digits = abs.unscaledValue().toString();
        // abs = 0.d1d2...dn × 10^exponent
        int exponent = digits.length() - abs.scale();
        int biased = exponent + 129;
        if (n.signum() > 0) {
            w.write(2);
            w.write(biased);
            for (int i = 0; i < digits.length(); i++) w.write(digits.charAt(i) - '0' + 1);
            w.write(0);
        } else {
            w.write(0);
            w.write(255 - biased);
            for (int i = 0; i < digits.length(); i++) w.write(10 - (digits.charAt(i) - '0'));
            w.write(11);
        }
    }
}
