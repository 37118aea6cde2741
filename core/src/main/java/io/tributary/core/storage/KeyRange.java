package io.tributary.core.storage;

import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A range of entry keys, start inclusive and end exclusive: what one Query or Scan segment reads. */
public record KeyRange(byte[] start, byte[] end) {

    /** One key space (a table or an index) in full. */
    public static KeyRange whole(long spaceId) {
        return new KeyRange(ItemKeys.tablePrefix(spaceId), ItemKeys.tablePrefix(spaceId + 1));
    }

    /** A parallel scan segment: a slice of the 32-bit partition hash range, so segments never overlap. */
    public static KeyRange segment(long spaceId, int segment, int totalSegments) {
        long span = 1L << 32;
        byte[] start = hashBound(spaceId, span * segment / totalSegments);
        byte[] end = segment + 1 == totalSegments ? ItemKeys.tablePrefix(spaceId + 1)
                : hashBound(spaceId, span * (segment + 1) / totalSegments);
        return new KeyRange(start, end);
    }

    /** The entries of one partition that satisfy a sort key condition (null: all of them). */
    public static KeyRange partition(long spaceId, AttributeValue partitionValue, SortKeyCondition sort) {
        byte[] p = ItemKeys.partitionPrefix(spaceId, partitionValue);
        byte[] all = successor(p);
        if (sort == null) return new KeyRange(p, all);
        byte[] first = sort.op() == SortKeyCondition.Op.BEGINS_WITH ? null : concat(p, KeyCodec.encode(sort.first()));
        return switch (sort.op()) {
            case EQ -> new KeyRange(first, successor(first));
            case LT -> new KeyRange(p, first);
            case LE -> new KeyRange(p, successor(first));
            case GT -> new KeyRange(successor(first), all);
            case GE -> new KeyRange(first, all);
            case BETWEEN -> new KeyRange(first, successor(concat(p, KeyCodec.encode(sort.second()))));
            case BEGINS_WITH -> {
                byte[] prefix = concat(p, unterminated(sort.first()));
                yield new KeyRange(prefix, successor(prefix));
            }
        };
    }

    /** A string or binary's encoding without its terminator: every longer value with this prefix sorts inside. */
    private static byte[] unterminated(AttributeValue v) {
        ByteWriter w = new ByteWriter(32);
        byte[] raw = v.type() == AttributeType.S ? v.s().getBytes(StandardCharsets.UTF_8) : v.b().array();
        KeyCodec.encodeBytes(w, raw);
        byte[] full = w.toByteArray();
        return Arrays.copyOf(full, full.length - 2);
    }

    private static byte[] hashBound(long spaceId, long unsignedHash) {
        ByteWriter w = new ByteWriter(12);
        w.writeLong(spaceId);
        w.writeInt((int) unsignedHash);
        return w.toByteArray();
    }

    /** The smallest key greater than every key starting with {@code prefix}. */
    static byte[] successor(byte[] prefix) {
        byte[] s = prefix.clone();
        for (int i = s.length - 1; i >= 0; i--) {
            if (s[i] != (byte) 0xFF) {
                s[i]++;
                return Arrays.copyOf(s, i + 1);
            }
        }
        throw new IllegalArgumentException("no successor of an all-0xFF key");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public boolean contains(byte[] key) {
        return Arrays.compareUnsigned(key, start) >= 0 && Arrays.compareUnsigned(key, end) < 0;
    }
}
