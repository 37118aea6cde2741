package io.tributary.server.api;

import io.tributary.core.TributaryException;

import java.util.List;

/**
 * AWS's error texts that more than one action gives, in one place, so a text is written once. Texts particular
 * to one action stay beside its validation; constraint messages are built by {@link Constraints}.
 */
public final class AwsMessages {
    private AwsMessages() {}

    /** The envelope of most semantic validation errors. */
    public static TributaryException invalidParameter(String detail) {
        return TributaryException.validation("One or more parameter values were invalid: " + detail);
    }

    /** Table-level calls (DescribeTable, UpdateTable, DeleteTable, ...). */
    public static TributaryException tableNotFound(String table) {
        return TributaryException.resourceNotFound("Requested resource not found: Table: " + table + " not found");
    }

    /** Item-level calls name nothing. */
    public static TributaryException resourceNotFound() {
        return TributaryException.resourceNotFound("Requested resource not found");
    }

    public static TributaryException indexNotFound(String index) {
        return TributaryException.resourceNotFound("Requested resource not found: Index: " + index + " not found");
    }

    /** AWS's own spelling ("ResourcArn"). */
    public static TributaryException resourceArnNotFound(String arn) {
        return TributaryException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
    }

    public static TributaryException streamNotFound(String arn) {
        return TributaryException.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
    }

    public static TributaryException streamDoesNotExist() {
        return TributaryException.resourceNotFound("Requested resource not found: Stream does not exist");
    }

    public static TributaryException shardNotFound() {
        return TributaryException.resourceNotFound("Requested resource not found: Shard does not exist");
    }

    /** A legacy parameter beside an expression parameter, each side listed in the order AWS lists them. */
    public static TributaryException mixedParameters(List<String> legacy, List<String> expressions) {
        return TributaryException.validation("Can not use both expression and non-expression parameters in the same request: "
                + "Non-expression parameters: {" + String.join(", ", legacy) + "} Expression parameters: {"
                + String.join(", ", expressions) + "}");
    }
}
