package io.tributary.core;

import io.tributary.core.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A transaction that wrote nothing, with one reason per action in request order ("None" for the actions that were fine). */
public final class TransactionCanceledException extends TributaryException {
    public record Reason(String code, String message, Map<String, AttributeValue> item) {
        public static final Reason NONE = new Reason("None", null, null);
    }

    private final List<Reason> reasons;

    public TransactionCanceledException(List<Reason> reasons) {
        super("TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons for specific reasons "
                + reasons.stream().map(Reason::code).collect(Collectors.joining(", ", "[", "]")));
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }
}
