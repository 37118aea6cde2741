package io.tributary.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lambda's event filtering for DynamoDB streams: patterns matched against the record as a Lambda function
 * receives it ({@link LambdaEvent#record}), e.g. {@code {"eventName": ["INSERT"], "dynamodb": {"NewImage":
 * {"status": {"S": ["active"]}}}}}. A record passes if any pattern matches (Lambda ORs its filters); within a
 * pattern every field must match, and a field matches if any rule in its array does: an exact value, or
 * {@code {"prefix": s}}, {@code {"suffix": s}}, {@code {"equals-ignore-case": s}}, {@code {"numeric": [">", 1, "<=", 5]}},
 * {@code {"exists": true|false}}, {@code {"anything-but": value | [values] | {"prefix": s}}}.
 * Numeric rules also match DynamoDB numbers, which the record carries as strings ({"N": "5"}).
 */
public final class FilterCriteria {
    private final List<JsonNode> patterns;

    private FilterCriteria(List<JsonNode> patterns) {
        this.patterns = patterns;
    }

    /** Lets every record through. */
    public static FilterCriteria none() {
        return new FilterCriteria(List.of());
    }

    /**
     * Patterns, each either a pattern's JSON or a whole FilterCriteria document
     * ({@code {"Filters": [{"Pattern": "..."}]}}); an invalid one is refused with the reason.
     */
    public static FilterCriteria parse(List<String> texts) {
        List<JsonNode> patterns = new ArrayList<>();
        for (String text : texts) {
            JsonNode node = read(text);
            if (node.has("Filters")) {
                for (JsonNode f : node.get("Filters")) patterns.add(checked(read(f.path("Pattern").asText())));
            } else {
                patterns.add(checked(node));
            }
        }
        return new FilterCriteria(List.copyOf(patterns));
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public boolean matches(ChangeEvent event) {
        if (patterns.isEmpty()) return true;
        JsonNode record = LambdaEvent.record(event);
        for (JsonNode p : patterns) {
            if (matchesObject(p, record)) return true;
        }
        return false;
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode value) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode actual = value.isObject() ? value.path(f.getKey()) : MissingNode.getInstance();
            boolean ok = f.getValue().isObject() ? matchesObject(f.getValue(), actual) : matchesAnyRule(f.getValue(), actual);
            if (!ok) return false;
        }
        return true;
    }

    private static boolean matchesAnyRule(JsonNode rules, JsonNode actual) {
        for (JsonNode rule : rules) {
            if (rule.isObject() && rule.has("exists")) {
                if (rule.get("exists").asBoolean() != !actual.isMissingNode()) continue;
                return true;
            }
            if (actual.isMissingNode()) continue;
            if (actual.isArray()) {
                for (JsonNode element : actual) if (matchesRule(rule, element)) return true;
            } else if (matchesRule(rule, actual)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesRule(JsonNode rule, JsonNode actual) {
        if (!rule.isObject()) return equal(rule, actual);
        String op = rule.fieldNames().next();
        JsonNode arg = rule.get(op);
        return switch (op) {
            case "prefix" -> actual.isTextual() && actual.asText().startsWith(arg.asText());
            case "suffix" -> actual.isTextual() && actual.asText().endsWith(arg.asText());
            case "equals-ignore-case" -> actual.isTextual() && actual.asText().equalsIgnoreCase(arg.asText());
            case "numeric" -> numeric(arg, actual);
            case "anything-but" -> !anythingBut(arg, actual);
            default -> false;
        };
    }

    /** True when the value is one of those excluded. */
    private static boolean anythingBut(JsonNode excluded, JsonNode actual) {
        if (excluded.isArray()) {
            for (JsonNode e : excluded) if (equal(e, actual)) return true;
            return false;
        }
        if (excluded.isObject()) return matchesRule(excluded, actual);
        return equal(excluded, actual);
    }

    private static boolean equal(JsonNode expected, JsonNode actual) {
        if (expected.isNumber()) {
            BigDecimal n = number(actual);
            return n != null && n.compareTo(expected.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static boolean numeric(JsonNode comparisons, JsonNode actual) {
        BigDecimal n = number(actual);
        if (n == null) return false;
        for (int i = 0; i + 1 < comparisons.size(); i += 2) {
            int c = n.compareTo(comparisons.get(i + 1).decimalValue());
            boolean ok = switch (comparisons.get(i).asText()) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> false;
            };
            if (!ok) return false;
        }
        return true;
    }

    private static BigDecimal number(JsonNode v) {
        if (v.isNumber()) return v.decimalValue();
        if (!v.isTextual()) return null;
        try {
            return new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode read(String text) {
        try {
            return EventJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("filter pattern is not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode checked(JsonNode pattern) {
        if (pattern == null || !pattern.isObject() || pattern.isEmpty()) {
            throw new IllegalArgumentException("a filter pattern must be a non-empty JSON object");
        }
        checkObject(pattern, "");
        return pattern;
    }

    private static void checkObject(JsonNode pattern, String path) {
        pattern.fields().forEachRemaining(f -> {
            String at = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) checkObject(v, at);
            else if (!v.isArray() || v.isEmpty()) throw new IllegalArgumentException("filter pattern field " + at + " must be an object or a non-empty array of rules");
            else v.forEach(rule -> checkRule(rule, at));
        });
    }

    private static void checkRule(JsonNode rule, String at) {
        if (!rule.isObject()) {
            if (rule.isArray()) throw new IllegalArgumentException("filter rule at " + at + " cannot be an array");
            return;
        }
        if (rule.size() != 1) throw new IllegalArgumentException("filter rule at " + at + " must have exactly one operator: " + rule);
        String op = rule.fieldNames().next();
        JsonNode arg = rule.get(op);
        boolean ok = switch (op) {
            case "prefix", "suffix", "equals-ignore-case" -> arg.isTextual();
            case "exists" -> arg.isBoolean();
            case "anything-but" -> !arg.isObject() || (arg.size() == 1 && arg.has("prefix") && arg.get("prefix").isTextual());
            case "numeric" -> numericRuleValid(arg);
            default -> false;
        };
        if (!ok) throw new IllegalArgumentException("unsupported or malformed filter rule at " + at + ": " + rule);
    }

    private static boolean numericRuleValid(JsonNode arg) {
        if (!arg.isArray() || arg.isEmpty() || arg.size() % 2 != 0 || arg.size() > 4) return false;
        for (int i = 0; i < arg.size(); i += 2) {
            if (!List.of("=", "<", "<=", ">", ">=").contains(arg.get(i).asText()) || !arg.get(i + 1).isNumber()) return false;
        }
        return true;
    }
}
