package io.tributary.core.storage;

import java.io.IOException;

/**
 * A stream record as the stream column family holds it, its images left in their stored form: GetRecords
 * writes them into its answer with {@link #visitKeys}, {@link #visitOldImage} and {@link #visitNewImage}
 * instead of building every attribute of every record first.
 */
public final class StoredStreamRecord {
    private final long sequence;
    private final String eventName;
    private final long createdMillis;
    private final String region;
    private final boolean byTtl;
    private final byte[] stored;
    private final int keysAt, oldImageAt, newImageAt;
    private final int sizeBytes;

    /** {@code oldImageAt}, {@code newImageAt}: where that image's map starts in {@code stored}, or -1 without one. */
    StoredStreamRecord(long sequence, String eventName, long createdMillis, String region, boolean byTtl, byte[] stored,
                       int keysAt, int oldImageAt, int newImageAt, int sizeBytes) {
        this.sequence = sequence;
        this.eventName = eventName;
        this.createdMillis = createdMillis;
        this.region = region;
        this.byTtl = byTtl;
        this.stored = stored;
        this.keysAt = keysAt;
        this.oldImageAt = oldImageAt;
        this.newImageAt = newImageAt;
        this.sizeBytes = sizeBytes;
    }

    public long sequence() {
        return sequence;
    }

    public String eventName() {
        return eventName;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public String region() {
        return region;
    }

    /** A deletion made by the time-to-live sweeper. */
    public boolean byTtl() {
        return byTtl;
    }

    public int sizeBytes() {
        return sizeBytes;
    }

    public boolean hasOldImage() {
        return oldImageAt >= 0;
    }

    public boolean hasNewImage() {
        return newImageAt >= 0;
    }

    public void visitKeys(ItemCodec.Visitor v) throws IOException {
        ItemCodec.visit(stored, keysAt, v);
    }

    public void visitOldImage(ItemCodec.Visitor v) throws IOException {
        ItemCodec.visit(stored, oldImageAt, v);
    }

    public void visitNewImage(ItemCodec.Visitor v) throws IOException {
        ItemCodec.visit(stored, newImageAt, v);
    }
}
