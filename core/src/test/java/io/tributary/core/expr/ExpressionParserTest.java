package io.tributary.core.expr;

import io.tributary.core.TributaryException;
import io.tributary.core.model.AttributeValue;
import io.tributary.core.model.Numbers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ExpressionParserTest {
    static ExpressionAttributes attrs(Map<String, AttributeValue> values) {
        return new ExpressionAttributes(Map.of("#n", "name"), values);
    }

    @Test
    void keywords_are_case_insensitive() {
        Condition c = ExpressionParser.parseCondition("a = :v and not b = :v or #n between :v and :v",
                "ConditionExpression", attrs(Map.of(":v", AttributeValue.n(1))));
        assertInstanceOf(Condition.Or.class, c);
        assertTrue(c.test(Map.of("a", AttributeValue.n(1))));
    }

    @Test
    void projection_overlaps_are_rejected() {
        TributaryException e = assertThrows(TributaryException.class,
                () -> ExpressionParser.parseProjection("a.b, a", ExpressionAttributes.none()));
        assertEquals("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of "
                + "these paths; path one: [a, b], path two: [a]", e.getMessage());
        e = assertThrows(TributaryException.class, () -> ExpressionParser.parseProjection("a[1], a.b", ExpressionAttributes.none()));
        assertTrue(e.getMessage().contains("Two document paths conflict with each other"));
    }

    @Test
    void unknown_characters_are_syntax_errors() {
        TributaryException e = assertThrows(TributaryException.class,
                () -> ExpressionParser.parseCondition("a = $", "ConditionExpression", ExpressionAttributes.none()));
        assertEquals("1 validation error detected: Invalid ConditionExpression: Syntax error; token: \"$\", near: \"= $\"", e.getMessage());
    }

    @Test
    void syntax_errors_quote_the_token_with_its_neighbour() {
        TributaryException e = assertThrows(TributaryException.class,
                () -> ExpressionParser.parseUpdate("INVALID SYNTAX HERE", ExpressionAttributes.none()));
        assertEquals("1 validation error detected: Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"",
                e.getMessage());
        e = assertThrows(TributaryException.class, () -> ExpressionParser.parseCondition("a =", "ConditionExpression", ExpressionAttributes.none()));
        assertEquals("1 validation error detected: Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"", e.getMessage());
    }

    @Test
    void redundant_parentheses_are_rejected() {
        TributaryException e = assertThrows(TributaryException.class,
                () -> ExpressionParser.parseCondition("((a = b))", "ConditionExpression", ExpressionAttributes.none()));
        assertEquals("1 validation error detected: Invalid ConditionExpression: The expression has redundant parentheses;", e.getMessage());
        assertNotNull(ExpressionParser.parseCondition("((a = b) AND c = d)", "ConditionExpression", ExpressionAttributes.none()));
    }

    @Test
    void an_operand_compared_with_itself_is_rejected() {
        TributaryException e = assertThrows(TributaryException.class,
                () -> ExpressionParser.parseCondition("contains(a, a)", "FilterExpression", ExpressionAttributes.none()));
        assertEquals("Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator "
                + "or function; operator: contains, first operand: [a]", e.getMessage());
        e = assertThrows(TributaryException.class,
                () -> ExpressionParser.parseCondition("a.b = a.b", "ConditionExpression", ExpressionAttributes.none()));
        assertTrue(e.getMessage().endsWith("operator: =, first operand: [a, b]"), e.getMessage());
    }

    @Test
    void empty_expression_is_rejected() {
        TributaryException e = assertThrows(TributaryException.class,
                () -> ExpressionParser.parseUpdate("  ", ExpressionAttributes.none()));
        assertEquals("1 validation error detected: Invalid UpdateExpression: The expression can not be empty;", e.getMessage());
    }

    @Test
    void update_removes_several_list_elements_by_their_original_indexes() {
        UpdateExpression u = ExpressionParser.parseUpdate("REMOVE l[0], l[2]", ExpressionAttributes.none());
        Map<String, AttributeValue> out = u.apply(Map.of("l", AttributeValue.l(List.of(AttributeValue.n(0), AttributeValue.n(1),
                AttributeValue.n(2), AttributeValue.n(3)))), Map.of());
        assertEquals(AttributeValue.l(List.of(AttributeValue.n(1), AttributeValue.n(3))), out.get("l"));
    }

    @Test
    void arithmetic_keeps_38_digits() {
        UpdateExpression u = ExpressionParser.parseUpdate("SET a = a + :v",
                new ExpressionAttributes(Map.of(), Map.of(":v", AttributeValue.n(Numbers.parse("0.1")))));
        Map<String, AttributeValue> out = u.apply(Map.of("a", AttributeValue.n(Numbers.parse("0.2"))), Map.of());
        assertEquals("0.3", Numbers.format(out.get("a").n()));
    }
}
