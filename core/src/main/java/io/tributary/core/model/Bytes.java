package io.tributary.core.model;

import java.util.Arrays;
import java.util.Base64;

/** An immutable byte string with value equality and DynamoDB's unsigned byte ordering. */
public final class Bytes implements Comparable<Bytes> {
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public byte[] array() {
        return data;
    }

    public int length() {
        return data.length;
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(data);
    }

    public boolean startsWith(Bytes prefix) {
        return data.length >= prefix.data.length
                && Arrays.equals(data, 0, prefix.data.length, prefix.data, 0, prefix.data.length);
    }

    public boolean contains(Bytes part) {
        outer:
        for (int i = 0; i + part.data.length <= data.length; i++) {
            for (int j = 0; j < part.data.length; j++) {
                if (data[i + j] != part.data[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return base64();
    }
}
