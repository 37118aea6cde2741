package io.tributary.server.api;

import io.tributary.core.ConditionalCheckFailedException;
import io.tributary.core.expr.Condition;
import io.tributary.core.expr.ExpressionAttributes;
import io.tributary.core.expr.ExpressionParser;
import io.tributary.core.model.AttributeValue;

import java.util.List;
import java.util.Map;

/** The condition of a single-item write: ConditionExpression, or the legacy Expected with ConditionalOperator. */
final class WriteConditions {
    private WriteConditions() {}

    /** For a request whose only expression is the condition. */
    static Condition parse(Request request) {
        String text = request.string("ConditionExpression");
        ExpressionAttributes attributes = request.expressionAttributes(text == null ? List.of() : List.of("ConditionExpression"));
        Condition condition = parse(request, attributes);
        attributes.requireAllUsed();
        return condition;
    }

    static Condition parse(Request request, ExpressionAttributes attributes) {
        LegacyConditions.rejectMixed(request, List.of("ConditionExpression"), List.of("Expected", "ConditionalOperator"));
        String text = request.string("ConditionExpression");
        if (text != null) return ExpressionParser.parseCondition(text, "ConditionExpression", attributes);
        return LegacyConditions.expected(request);
    }

    static void check(Condition condition, Map<String, AttributeValue> current, boolean returnOldOnFailure) {
        if (condition != null && !condition.test(current == null ? Map.of() : current)) {
            throw new ConditionalCheckFailedException(returnOldOnFailure ? current : null);
        }
    }
}
