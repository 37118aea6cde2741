package io.tributary.core.expr;

import io.tributary.core.TributaryException;

/** The texts DynamoDB uses for expression errors, in one place. */
final class Errors {
    private Errors() {}

    /**
     * Current AWS regions wrap errors in a write's expressions in the request-validation envelope, while
     * errors in the read expressions (projection, filter, key condition) come bare.
     */
    static TributaryException invalid(String kind, String detail) {
        boolean write = kind.equals("ConditionExpression") || kind.equals("UpdateExpression");
        return TributaryException.validation((write ? "1 validation error detected: " : "") + "Invalid " + kind + ": " + detail);
    }

    static TributaryException operandType(String kind, String function, String type) {
        return invalid(kind, "Incorrect operand type for operator or function; operator or function: "
                + function + ", operand type: " + type);
    }

    static TributaryException operandCount(String kind, String function, int count) {
        return invalid(kind, "Incorrect number of operands for operator or function; operator or function: "
                + function + ", number of operands: " + count);
    }

    static TributaryException missingAttribute() {
        return TributaryException.validation("The provided expression refers to an attribute that does not exist in the item");
    }

    static TributaryException wrongDataType() {
        return TributaryException.validation("An operand in the update expression has an incorrect data type");
    }

    static TributaryException invalidUpdatePath() {
        return TributaryException.validation("The document path provided in the update expression is invalid for update");
    }
}
