package io.tributary.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.UpdateExpression;
import io.tributary.core.model.AttributeType;
import io.tributary.core.model.AttributeValue;
import io.tributary.server.json.AttributeValueJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The legacy AttributeUpdates parameter of UpdateItem, checked as DynamoDB checks it. */
final class LegacyUpdates {
    private static final Set<AttributeType> ADDABLE = Set.of(AttributeType.N, AttributeType.SS, AttributeType.NS, AttributeType.BS, AttributeType.L);
    private static final Set<AttributeType> SETS = Set.of(AttributeType.SS, AttributeType.NS, AttributeType.BS);

    private LegacyUpdates() {}

    /** Null when the parameter is absent. */
    static UpdateExpression parse(JsonNode node) {
        if (node == null) return null;
        List<UpdateExpression.AttributeUpdate> updates = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String action = Request.string(e.getValue(), "Action");
            if (action == null) action = "PUT";
            JsonNode valueNode = Request.object(e.getValue(), "Value");
            AttributeValue value = valueNode == null ? null : AttributeValueJson.parse(valueNode, 1);
            switch (action) {
                case "PUT" -> {
                    if (value == null) {
                        throw AwsMessages.invalidParameter("Only DELETE action is allowed "
                                + "when no attribute value is specified");
                    }
                }
                case "ADD" -> {
                    if (value == null) {
                        throw AwsMessages.invalidParameter("Only DELETE action is allowed "
                                + "when no attribute value is specified");
                    }
                    if (!ADDABLE.contains(value.type())) {
                        throw AwsMessages.invalidParameter("ADD action is not supported for the type "
                                + value.type());
                    }
                }
                case "DELETE" -> {
                    if (value != null && !SETS.contains(value.type())) {
                        throw AwsMessages.invalidParameter("DELETE action with value is not "
                                + "supported for the type " + value.type());
                    }
                }
                default -> throw TributaryException.validation("1 validation error detected: Value '" + action + "' at "
                        + "'attributeUpdates." + name + ".member.action' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[ADD, PUT, DELETE]");
            }
            updates.add(new UpdateExpression.AttributeUpdate(name, action, value));
        }
        return UpdateExpression.ofAttributeUpdates(updates);
    }
}
