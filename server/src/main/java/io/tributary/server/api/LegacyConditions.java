package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.Condition;
import io.tributary.core.expr.DocumentPath;
import io.tributary.core.expr.Operand;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pre-expression condition parameters older code still sends (Expected, KeyConditions, QueryFilter,
 * ScanFilter with ConditionalOperator), translated into the same conditions the expressions produce.
 */
final class LegacyConditions {
    private static final Set<String> ORDERED = Set.of("LE", "LT", "GE", "GT", "BETWEEN");
    private static final List<String> OPERATORS = List.of("EQ", "NE", "IN", "LE", "LT", "GE", "GT", "BETWEEN", "NOT_NULL", "NULL",
            "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH");

    private LegacyConditions() {}

    /** The legacy and expression parameters of Query; the other actions' lists are subsets of these, in the same order. */
    static final List<String> QUERY_EXPRESSIONS = List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression");
    static final List<String> QUERY_LEGACY = List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions");

    /** DynamoDB refuses any legacy parameter beside any expression parameter, naming every one of each that is present. */
    static void rejectMixed(Request request, List<String> expressions, List<String> legacy) {
        List<String> expressionsPresent = expressions.stream().filter(request::has).toList();
        List<String> legacyPresent = legacy.stream().filter(request::has).toList();
        if (!expressionsPresent.isEmpty() && !legacyPresent.isEmpty()) throw AwsMessages.mixedParameters(legacyPresent, expressionsPresent);
    }

    /** Expected, for the single-item writes; null when absent. */
    static Condition expected(Request request) {
        JsonNode expected = request.object("Expected");
        if (expected == null) {
            requireConditionsFor(request, 0);
            return null;
        }
        requireConditionsFor(request, expected.size());
        List<Condition> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode spec = e.getValue();
            Boolean exists = Request.bool(spec, "Exists");
            JsonNode valueNode = Request.object(spec, "Value");
            if (Request.string(spec, "ComparisonOperator") != null) {
                if (valueNode != null || exists != null) {
                    throw AwsMessages.invalidParameter("Value or Exists parameters cannot "
                            + "be used together with ComparisonOperator or AttributeValueList");
                }
                parts.add(comparison(name, spec));
            } else if (Boolean.FALSE.equals(exists)) {
                if (valueNode != null) {
                    throw AwsMessages.invalidParameter("Value cannot be used when Exists is false");
                }
                parts.add(new Condition.Exists(DocumentPath.of(name), false));
            } else {
                if (valueNode == null) {
                    throw AwsMessages.invalidParameter("Exists is set to TRUE for attribute ("
                            + name + "), Value must also be set");
                }
                parts.add(new Condition.Compare(path(name), Condition.Comparator.EQ,
                        new Operand.Literal(AttributeValueJson.parse(valueNode, 1))));
            }
        }
        return combine(parts, request.string("ConditionalOperator"));
    }

    /** QueryFilter or ScanFilter; null when absent. */
    static Condition filter(Request request, String member) {
        JsonNode filter = request.object(member);
        if (filter == null) {
            requireConditionsFor(request, 0);
            return null;
        }
        requireConditionsFor(request, filter.size());
        List<Condition> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = filter.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(comparison(e.getKey(), e.getValue()));
        }
        return combine(parts, request.string("ConditionalOperator"));
    }

    /** KeyConditions: always a conjunction, which KeyConditions then checks like an expression. */
    static Condition keyConditions(JsonNode node) {
        List<Condition> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(comparison(e.getKey(), e.getValue()));
        }
        if (parts.isEmpty() || parts.size() > 2) throw TributaryException.validation("Conditions can be of length 1 or 2 only");
        return combine(parts, "AND");
    }

    /** ConditionalOperator joins two or more legacy conditions; with fewer it is refused. */
    private static void requireConditionsFor(Request request, int conditions) {
        String operator = request.string("ConditionalOperator");
        if (operator == null) return;
        checkOperator(operator);
        if (conditions == 0) throw TributaryException.validation("ConditionalOperator cannot be used without Filter or Expected");
        if (conditions == 1) {
            throw TributaryException.validation("ConditionalOperator can only be used when Filter or Expected has two or more elements");
        }
    }

    private static void checkOperator(String operator) {
        if (operator != null && !operator.equals("AND") && !operator.equals("OR")) {
            throw TributaryException.validation("1 validation error detected: Value '" + operator + "' at 'conditionalOperator' failed "
                    + "to satisfy constraint: Member must satisfy enum value set: [AND, OR]");
        }
    }

    private static Condition combine(List<Condition> parts, String operator) {
        checkOperator(operator);
        if (parts.isEmpty()) return null;
        Condition result = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            result = "OR".equals(operator) ? new Condition.Or(result, parts.get(i)) : new Condition.And(result, parts.get(i));
        }
        return result;
    }

    private static Condition comparison(String name, JsonNode spec) {
        if (!spec.isObject()) throw Json.serialization("Unexpected value type for condition of " + name);
        String op = Request.string(spec, "ComparisonOperator");
        if (op == null) {
            throw TributaryException.validation("1 validation error detected: Value null at 'comparisonOperator' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (!OPERATORS.contains(op)) {
            throw TributaryException.validation("1 validation error detected: Value '" + op + "' at 'comparisonOperator' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: " + OPERATORS);
        }
        List<AttributeValue> args = new ArrayList<>();
        JsonNode list = Request.array(spec, "AttributeValueList");
        if (list != null) for (JsonNode n : list) args.add(AttributeValueJson.parse(n, 1));
        int expected = switch (op) {
            case "NULL", "NOT_NULL" -> 0;
            case "BETWEEN" -> 2;
            case "IN" -> -1;
            default -> 1;
        };
        if (expected >= 0 ? args.size() != expected : args.isEmpty()) {
            throw AwsMessages.invalidParameter("Invalid number of argument(s) for the "
                    + op + " ComparisonOperator");
        }
        for (AttributeValue a : args) {
            if (a.type() != args.get(0).type()) {
                throw AwsMessages.invalidParameter("AttributeValues inside AttributeValueList must be of same type");
            }
        }
        for (AttributeValue a : args) {
            boolean scalar = a.type() == AttributeType.S || a.type() == AttributeType.N || a.type() == AttributeType.B;
            boolean ok = ORDERED.contains(op) || op.equals("CONTAINS") || op.equals("NOT_CONTAINS") || op.equals("IN") ? scalar
                    : !op.equals("BEGINS_WITH") || a.type() == AttributeType.S || a.type() == AttributeType.B;
            if (!ok) {
                throw AwsMessages.invalidParameter("ComparisonOperator " + op
                        + " is not valid for " + a.type() + " AttributeValue type");
            }
        }
        if (op.equals("BETWEEN")) {
            Integer order = Condition.compare(args.get(0), args.get(1));
            if (order != null && order > 0) {
                throw TributaryException.validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
            }
        }
        Operand attr = path(name);
        return switch (op) {
            case "EQ" -> new Condition.Compare(attr, Condition.Comparator.EQ, lit(args.get(0)));
            case "NE" -> new Condition.Compare(attr, Condition.Comparator.NE, lit(args.get(0)));
            case "LT" -> new Condition.Compare(attr, Condition.Comparator.LT, lit(args.get(0)));
            case "LE" -> new Condition.Compare(attr, Condition.Comparator.LE, lit(args.get(0)));
            case "GT" -> new Condition.Compare(attr, Condition.Comparator.GT, lit(args.get(0)));
            case "GE" -> new Condition.Compare(attr, Condition.Comparator.GE, lit(args.get(0)));
            case "BETWEEN" -> new Condition.Between(attr, lit(args.get(0)), lit(args.get(1)));
            case "NULL" -> new Condition.Exists(DocumentPath.of(name), false);
            case "NOT_NULL" -> new Condition.Exists(DocumentPath.of(name), true);
            case "CONTAINS" -> new Condition.Contains(attr, lit(args.get(0)));
            case "NOT_CONTAINS" -> new Condition.And(new Condition.Exists(DocumentPath.of(name), true),
                    new Condition.Not(new Condition.Contains(attr, lit(args.get(0)))));
            case "BEGINS_WITH" -> new Condition.BeginsWith(attr, lit(args.get(0)));
            case "IN" -> new Condition.In(attr, args.stream().<Operand>map(LegacyConditions::lit).toList());
            default -> throw new IllegalStateException(op);
        };
    }

    private static Operand path(String name) {
        return new Operand.Path(DocumentPath.of(name));
    }

    private static Operand lit(AttributeValue v) {
        return new Operand.Literal(v);
    }
}
