package io.tributary.core;

/**
 * A failure the client caused or must handle, named like the DynamoDB error it becomes on the wire.
 * The server maps {@link #errorCode()} to the AWS {@code __type}; anything else thrown is a bug (HTTP 500).
 */
public class TributaryException extends RuntimeException {
    private final String errorCode;

    public TributaryException(String errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }

    public static TributaryException validation(String message) {
        return new TributaryException("ValidationException", message);
    }

    public static TributaryException resourceNotFound(String message) {
        return new TributaryException("ResourceNotFoundException", message);
    }

    public static TributaryException limitExceeded(String message) {
        return new TributaryException("LimitExceededException", message);
    }

    public static TributaryException resourceInUse(String message) {
        return new TributaryException("ResourceInUseException", message);
    }
}
