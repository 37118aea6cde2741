package io.tributary.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tributary.core.TributaryException;
import io.tributary.core.expr.Condition;
import io.tributary.core.expr.ExpressionAttributes;
import io.tributary.core.expr.ExpressionParser;
import io.tributary.core.expr.UpdateExpression;
import io.tributary.core.model.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * The expression parser with any text as a condition, an update or a projection, then used on an item:
 * it either works or says what is wrong as a ValidationException, never anything else.
 * The first byte picks the kind of expression; the rest is its text.
 */
class ExpressionFuzzTest {
    static final ExpressionAttributes ATTRIBUTES = new ExpressionAttributes(
            Map.of("#a", "a", "#m", "m", "#e", "x.y"),
            Map.of(":s", AttributeValue.s("x"), ":n", AttributeValue.n(1), ":l", AttributeValue.l(List.of(AttributeValue.n(2))),
                    ":m", AttributeValue.m(Map.of("k", AttributeValue.TRUE)), ":ss", AttributeValue.ss(List.of("p", "q"))));
    static final Map<String, AttributeValue> ITEM = Map.of("pk", AttributeValue.s("k"), "a", AttributeValue.n(5),
            "m", AttributeValue.m(Map.of("k", AttributeValue.l(List.of(AttributeValue.s("v"))))),
            "l", AttributeValue.l(List.of(AttributeValue.n(1), AttributeValue.n(2))), "s", AttributeValue.ss(List.of("p")));

    @FuzzTest(maxDuration = "25s")
    void expressions_parse_and_apply_or_are_refused(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int kind = in.next() % 3;
        String text = in.rest();
        try {
            switch (kind) {
                case 0 -> {
                    Condition c = ExpressionParser.parseCondition(text, "ConditionExpression", ATTRIBUTES);
                    c.test(ITEM);
                }
                case 1 -> {
                    UpdateExpression u = ExpressionParser.parseUpdate(text, ATTRIBUTES);
                    u.apply(ITEM, Map.of("pk", AttributeValue.s("k")));
                }
                default -> ExpressionParser.parseProjection(text, ATTRIBUTES).apply(ITEM);
            }
        } catch (TributaryException refused) {
            if (!refused.errorCode().equals("ValidationException")) throw refused;
        }
    }
}
