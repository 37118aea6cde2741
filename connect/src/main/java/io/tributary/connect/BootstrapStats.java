package io.tributary.connect;

import java.util.concurrent.atomic.AtomicLong;

/** How far a bootstrap is, for progress bars and summaries. */
public final class BootstrapStats {
    final AtomicLong itemsRead = new AtomicLong();
    volatile long resumedFrom;
    volatile long itemsApplied;
    volatile long tableItemsEstimate;
    volatile boolean consistentSnapshot;
    volatile boolean scanDone;
    volatile long snapshotsRenewed;

    /** Items read from the table by this run. */
    public long itemsRead() { return itemsRead.get(); }
    /** Items an earlier, interrupted run had applied and checkpointed, which this run did not read again. */
    public long resumedFrom() { return resumedFrom; }
    /** Items applied and checkpointed so far, this run and earlier ones. */
    public long itemsApplied() { return itemsApplied; }
    /** The table's item count as DescribeTable gave it when the bootstrap began (AWS updates it every six hours). */
    public long tableItemsEstimate() { return tableItemsEstimate; }
    /** True when the server gave a consistent snapshot (Tributary), false for a plain scan. */
    public boolean consistentSnapshot() { return consistentSnapshot; }
    public boolean scanDone() { return scanDone; }
    /** Times the server no longer held the snapshot (it restarted) and a new one was taken to go on. */
    public long snapshotsRenewed() { return snapshotsRenewed; }
}
