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

    void read(int n) { read.add(n); }
    void filteredOut(int n) { filteredOut.add(n); }
    void applied(int n) { applied.add(n); }
    void retried() { retries.increment(); }
    void addDeadLettered() { deadLettered.increment(); }
    void gap() { gaps.increment(); }
    void lag(String shardId, long millis) { lagMillis.put(shardId, millis); }
    void shardDone(String shardId) { lagMillis.remove(shardId); }
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
}
