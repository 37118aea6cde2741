package io.tributary.connect;

import java.util.List;

/**
 * Where changes go. A sink is handed the changes of one shard in stream order, at least once: after a crash
 * or a lease moving to another worker, changes already applied come again, so a sink keeps for each key the
 * sequence number it applied last and ignores anything not newer ({@link SequenceNumbers#compare}).
 *
 * <p>{@code apply} either applies the whole batch, or throws: {@link PartialBatchFailure} to say which change
 * failed first (the ones before it count as done), any other exception to have the whole batch retried,
 * bisected and, if one change keeps failing, sent to the on-failure destination.
 */
public interface Sink extends AutoCloseable {
    void apply(List<ChangeEvent> changes) throws Exception;

    /** Makes everything applied so far durable; called before a checkpoint moves past it. */
    default void flush() throws Exception {}

    @Override
    default void close() throws Exception {}
}
