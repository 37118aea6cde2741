package io.tributary.bench.micro;

import io.tributary.core.expr.Condition;
import io.tributary.core.expr.ExpressionAttributes;
import io.tributary.core.expr.ExpressionParser;
import io.tributary.core.expr.UpdateExpression;
import io.tributary.core.model.AttributeValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.Map;

/** The UpdateItem scenario's expressions: parsing them, and applying them to an item. */
@State(Scope.Benchmark)
public class ExpressionEvaluation {
    private static final String UPDATE = "SET #c = #c + :one, #d = :d REMOVE #gone";
    private static final String CONDITION = "attribute_exists(pk) AND #c < :limit AND contains(#t, :tag)";
    private static final Map<String, String> NAMES = Map.of("#c", "count", "#d", "data", "#gone", "old", "#t", "tags");
    private static final Map<String, AttributeValue> VALUES = Map.of(":one", AttributeValue.n(1), ":d", AttributeValue.s("y".repeat(120)),
            ":limit", AttributeValue.n(1000), ":tag", AttributeValue.s("b"));

    private final Map<String, AttributeValue> item = SampleItem.item();
    private final Map<String, AttributeValue> key = Map.of("pk", item.get("pk"), "sk", item.get("sk"));
    private final UpdateExpression update = ExpressionParser.parseUpdate(UPDATE, new ExpressionAttributes(NAMES, VALUES));
    private final Condition condition = ExpressionParser.parseCondition(CONDITION, "ConditionExpression", new ExpressionAttributes(NAMES, VALUES));

    @Benchmark
    public UpdateExpression parseUpdate() {
        return ExpressionParser.parseUpdate(UPDATE, new ExpressionAttributes(NAMES, VALUES));
    }

    @Benchmark
    public Condition parseCondition() {
        return ExpressionParser.parseCondition(CONDITION, "ConditionExpression", new ExpressionAttributes(NAMES, VALUES));
    }

    @Benchmark
    public Map<String, AttributeValue> applyUpdate() {
        return update.apply(item, key);
    }

    @Benchmark
    public boolean testCondition() {
        return condition.test(item);
    }
}
