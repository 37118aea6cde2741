package io.tributary.core.storage;

/**
 * The writer-side state of one shard: sequence numbers are taken and registered as in flight under this
 * shard's lock, so a reader never reads past the lowest number still in flight and never skips a record
 * that commits late.
 */
final class OpenShard {
    final int ordinal;
    private final InFlightSequences inFlight = new InFlightSequences();
    private boolean closed;
    private volatile long lastAssigned;

    /** {@code lastAssigned}: the highest sequence number the shard holds already, or -1. */
    OpenShard(int ordinal, boolean closed, long lastAssigned) {
        this.ordinal = ordinal;
        this.closed = closed;
        this.lastAssigned = lastAssigned;
    }

    /** A new sequence number for a record of this shard, or -1 if the shard has closed meanwhile. */
    synchronized long assign(StreamSequences sequences) {
        if (closed) return -1;
        long seq = sequences.next();
        inFlight.add(seq);
        lastAssigned = seq;
        return seq;
    }

    /** No record of this shard has a higher sequence number, committed or in flight. */
    long lastAssigned() {
        return lastAssigned;
    }

    synchronized void complete(long seq) {
        inFlight.complete(seq);
    }

    /** Everything at or below this is committed (or will never exist). */
    synchronized long visibleThrough() {
        return inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.lowest() - 1;
    }

    synchronized boolean hasInFlight() {
        return !inFlight.isEmpty();
    }

    /** Closes the shard; every number it handed out is at most {@code sequences.last()} after this returns. */
    synchronized void close() {
        closed = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
