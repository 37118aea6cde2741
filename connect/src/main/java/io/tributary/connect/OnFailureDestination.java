package io.tributary.connect;

/**
 * Where a change goes that a sink kept failing on after every retry and bisection, so the stream goes on.
 * Unlike Lambda's on-failure destinations, which receive only the batch's shard and sequence range, these
 * receive the change itself with the error.
 */
public interface OnFailureDestination extends AutoCloseable {
    void send(ChangeEvent change, Throwable failure) throws Exception;

    @Override
    default void close() throws Exception {}

    /** Drops the change after logging it: for sinks that cannot fail, or when losing it is acceptable. */
    static OnFailureDestination discard() {
        return (change, failure) -> System.err.println("dropped " + change.table() + " " + change.keys() + " at "
                + change.sequenceNumber() + ": " + failure);
    }
}
