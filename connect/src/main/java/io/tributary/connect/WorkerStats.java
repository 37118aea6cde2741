package io.tributary.connect;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What a worker has done so far, read by status lines and metrics. */
public final class WorkerStats {
    private final LongAdder read = new LongAdder();
    private final LongAdder filteredOut = new LongAdder();
    private final LongAdder applied = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final Map<String, Long> lagMillis = new ConcurrentHashMap<>();
    private volatile Instant lastCheckpoint;
    private final Map<String, Instant> deliveredThrough = new ConcurrentHashMap<>();
    private final Map<String, Boolean> atHead = new ConcurrentHashMap<>();

    void read(int n) { read.add(n); }
    void filteredOut(int n) { filteredOut.add(n); }
    void applied(int n) { applied.add(n); }
    void retried() { retries.increment(); }
    void addDeadLettered() { deadLettered.increment(); }
    void gap() { gaps.increment(); }
    void lag(String shardId, long millis) { lagMillis.put(shardId, millis); }
    void shardDone(String shardId) {
        lagMillis.remove(shardId);
        atHead.remove(shardId);
        deliveredThrough.remove(shardId);
    }
    void delivered(String shardId, Instant lastCreated) { if (lastCreated != null) deliveredThrough.merge(shardId, lastCreated, (a, b) -> a.isAfter(b) ? a : b); }
    void atHead(String shardId, boolean nothingPending) { atHead.put(shardId, nothingPending); }
    void checkpointed() { lastCheckpoint = Instant.now(); }

    /** Changes read from the stream. */
    public long read() { return read.sum(); }
    /** Changes the filter criteria dropped. */
    public long filteredOut() { return filteredOut.sum(); }
    /** Changes the sinks applied. */
    public long applied() { return applied.sum(); }
    public long retries() { return retries.sum(); }
    public long deadLettered() { return deadLettered.sum(); }
    /** Times a checkpoint had been trimmed away and reading went on from the oldest record left. */
    public long gaps() { return gaps.sum(); }
    /** For each shard this worker reads: how old the last change it read was when read (0 once caught up). */
    public Map<String, Long> lagMillis() { return Map.copyOf(lagMillis); }
    public Instant lastCheckpoint() { return lastCheckpoint; }

    /**
     * True when this worker has delivered everything the shard held at {@code time}: its last read came back
     * empty with nothing pending, or it delivered a change made after that time.
     */
    public boolean caughtUp(String shardId, Instant time) {
        Instant through = deliveredThrough.get(shardId);
        return Boolean.TRUE.equals(atHead.get(shardId)) || (through != null && through.isAfter(time));
    }
}
