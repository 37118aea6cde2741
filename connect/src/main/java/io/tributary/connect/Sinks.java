package io.tributary.connect;

import java.util.List;

/**
 * Several sinks fed from one stream, each batch to each in turn. A batch counts as applied once every sink
 * took it; if one fails, the retry goes to all again, which their per-key versions make harmless.
 */
public final class Sinks implements Sink {
    private final List<Sink> sinks;

    private Sinks(List<Sink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    public static Sink of(List<Sink> sinks) {
        if (sinks.isEmpty()) throw new IllegalArgumentException("at least one sink");
        return sinks.size() == 1 ? sinks.get(0) : new Sinks(sinks);
    }

    @Override
    public void apply(List<ChangeEvent> changes) throws Exception {
        for (Sink s : sinks) s.apply(changes);
    }

    @Override
    public void flush() throws Exception {
        for (Sink s : sinks) s.flush();
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (Sink s : sinks) {
            try {
                s.close();
            } catch (Exception e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }
}
