package io.tributary.connect.redis;

import io.tributary.connect.EventJson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cache key made from an item's key attributes: {@code users:{userId}} puts the value of userId in place of
 * {@code {userId}} (strings as they are, numbers in plain notation, binaries in base64).
 */
public final class KeyTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
    private final String template;
    private final List<String> names = new ArrayList<>();

    public KeyTemplate(String template) {
        this.template = template;
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) names.add(m.group(1));
        if (names.isEmpty()) throw new IllegalArgumentException("a key template names at least one key attribute, as in users:{userId}");
    }

    /** {@code TABLE:{hashKey}} or {@code TABLE:{hashKey}:{rangeKey}}. */
    public static KeyTemplate defaultFor(String table, String hashKey, String rangeKey) {
        return new KeyTemplate(table + ":{" + hashKey + "}" + (rangeKey == null ? "" : ":{" + rangeKey + "}"));
    }

    public String render(Map<String, Object> keys) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = keys.get(m.group(1));
            if (v == null) throw new IllegalArgumentException("key template " + template + " names " + m.group(1) + ", which is not a key attribute");
            m.appendReplacement(out, Matcher.quoteReplacement(text(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(Object v) {
        if (v instanceof String s) return s;
        if (v instanceof BigDecimal n) return n.toPlainString();
        return EventJson.plain(v).asText();
    }

    @Override
    public String toString() {
        return template;
    }
}
