package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.ExpressionAttributes;
import io.tributary.core.model.AttributeValue;
import io.tributary.server.json.AttributeValueJson;
import io.tributary.server.json.Json;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed access to a request body; a member of the wrong JSON type is a SerializationException, as in AWS. */
public final class Request {
    private final JsonNode body;
    private final RequestContext context;

    public Request(JsonNode body, RequestContext context) {
        this.body = body;
        this.context = context;
    }

    public RequestContext context() {
        return context;
    }

    public JsonNode body() {
        return body;
    }

    public boolean has(String name) {
        JsonNode n = body.get(name);
        return n != null && !n.isNull();
    }

    public String string(String name) {
        return string(body, name);
    }

    public static String string(JsonNode node, String name) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw Json.serialization("NUMBER_VALUE cannot be converted to String");
        return n.textValue();
    }

    public Boolean bool(String name) {
        return bool(body, name);
    }

    public static Boolean bool(JsonNode node, String name) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) return null;
        if (!n.isBoolean()) throw Json.serialization("Unexpected value type for " + name + ": expected a boolean");
        return n.booleanValue();
    }

    public Long integer(String name) {
        return integer(body, name);
    }

    public static Long integer(JsonNode node, String name) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw Json.serialization("Unexpected value type for " + name + ": expected an integer");
        }
        return n.longValue();
    }

    public JsonNode object(String name) {
        return object(body, name);
    }

    public static JsonNode object(JsonNode node, String name) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw Json.serialization("Unexpected value type for " + name + ": expected a structure");
        return n;
    }

    public JsonNode array(String name) {
        return array(body, name);
    }

    public static JsonNode array(JsonNode node, String name) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw Json.serialization("Unexpected value type for " + name + ": expected a list");
        return n;
    }

    public Map<String, AttributeValue> item(String name) {
        return AttributeValueJson.parseItem(object(name), name);
    }

    /**
     * ExpressionAttributeNames and ExpressionAttributeValues, checked the way DynamoDB checks them before
     * the expressions are parsed. {@code expressions} are the request's expression members that are present.
     */
    public ExpressionAttributes expressionAttributes(List<String> expressionsPresent) {
        JsonNode namesNode = object("ExpressionAttributeNames");
        JsonNode valuesNode = object("ExpressionAttributeValues");
        if (namesNode != null && namesNode.isEmpty()) {
            throw TributaryException.validation("ExpressionAttributeNames must not be empty");
        }
        if (valuesNode != null && valuesNode.isEmpty()) {
            throw TributaryException.validation("ExpressionAttributeValues must not be empty");
        }
        if (expressionsPresent.isEmpty()) {
            if (namesNode != null) {
                throw TributaryException.validation("1 validation error detected: ExpressionAttributeNames can only be specified when using expressions");
            }
            if (valuesNode != null) {
                throw TributaryException.validation("1 validation error detected: ExpressionAttributeValues can only be specified when using expressions");
            }
            return ExpressionAttributes.none();
        }
        Map<String, String> names = new LinkedHashMap<>();
        if (namesNode != null) {
            Iterator<Map.Entry<String, JsonNode>> it = namesNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) throw Json.serialization("Unexpected value type in ExpressionAttributeNames");
                if (e.getValue().textValue().isEmpty()) {
                    throw TributaryException.validation("ExpressionAttributeNames contains invalid value: Empty attribute name for key "
                            + e.getKey());
                }
                names.put(e.getKey(), e.getValue().textValue());
            }
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        if (valuesNode != null) {
            Iterator<Map.Entry<String, JsonNode>> it = valuesNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    values.put(e.getKey(), AttributeValueJson.parse(e.getValue(), 1));
                } catch (TributaryException ex) {
                    if (!ex.errorCode().equals("ValidationException")) throw ex;
                    throw TributaryException.validation("ExpressionAttributeValues contains invalid value: "
                            + ex.getMessage() + " for key " + e.getKey());
                }
            }
        }
        return new ExpressionAttributes(names, values);
    }
}
