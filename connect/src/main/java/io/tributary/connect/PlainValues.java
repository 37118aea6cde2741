package io.tributary.connect;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's typed attribute values as plain Java values: S is a String, N a BigDecimal, B a read-only
 * ByteBuffer, BOOL a Boolean, NULL is null, SS/NS/BS are Sets of those, L a List and M a Map. Collections
 * keep DynamoDB's order and cannot be changed.
 */
public final class PlainValues {
    private PlainValues() {}

    /** An item or image; null stays null. */
    public static Map<String, Object> item(Map<String, AttributeValue> item) {
        if (item == null) return null;
        Map<String, Object> plain = new LinkedHashMap<>();
        item.forEach((name, value) -> plain.put(name, value(value)));
        return Collections.unmodifiableMap(plain);
    }

    public static Object value(AttributeValue v) {
        return switch (v.type()) {
            case S -> v.s();
            case N -> new BigDecimal(v.n());
            case B -> v.b().asByteBuffer().asReadOnlyBuffer();
            case BOOL -> v.bool();
            case NUL -> null;
            case SS -> Collections.unmodifiableSet(new LinkedHashSet<>(v.ss()));
            case NS -> {
                Set<BigDecimal> numbers = new LinkedHashSet<>();
                for (String n : v.ns()) numbers.add(new BigDecimal(n));
                yield Collections.unmodifiableSet(numbers);
            }
            case BS -> {
                Set<ByteBuffer> binaries = new LinkedHashSet<>();
                v.bs().forEach(b -> binaries.add(b.asByteBuffer().asReadOnlyBuffer()));
                yield Collections.unmodifiableSet(binaries);
            }
            case L -> {
                List<Object> list = new ArrayList<>(v.l().size());
                for (AttributeValue e : v.l()) list.add(value(e));
                yield Collections.unmodifiableList(list);
            }
            case M -> item(v.m());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute value of a type this SDK does not know: " + v);
        };
    }
}
