package io.tributary.connect;

/**
 * A batch applied up to, not including, the change with {@code sequenceNumber}: that change and every one
 * after it are retried (Lambda's partial batch response, {@code batchItemFailures}).
 */
public final class PartialBatchFailure extends Exception {
    private final String sequenceNumber;

    public PartialBatchFailure(String sequenceNumber, String message) {
        super(message);
        this.sequenceNumber = sequenceNumber;
    }

    public String sequenceNumber() {
        return sequenceNumber;
    }
}
