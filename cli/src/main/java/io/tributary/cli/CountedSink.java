package io.tributary.cli;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.Sink;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** A destination of `tributary sync` that counts the changes it applied, for the sync's metrics. */
final class CountedSink implements Sink {
    private final String name;
    private final Sink sink;
    private final LongAdder applied = new LongAdder();

    CountedSink(String name, Sink sink) {
        this.name = name;
        this.sink = sink;
    }

    String name() {
        return name;
    }

    long applied() {
        return applied.sum();
    }

    /** Counts a batch once the destination took it whole; a failed batch is counted when its retry succeeds. */
    @Override
    public void apply(List<ChangeEvent> changes) throws Exception {
        sink.apply(changes);
        applied.add(changes.size());
    }

    @Override
    public void flush() throws Exception {
        sink.flush();
    }

    @Override
    public void close() throws Exception {
        sink.close();
    }
}
