package io.tributary.core.storage;

import java.io.IOException;

/**
 * A stream record as the stream column family holds it, its images left in their stored form: GetRecords
 * writes them into its answer with {@link #visitKeys}, {@link #visitOldImage} and {@link #visitNewImage}
 * instead of building every attribute of every record first. The images are maps of {@link ItemCodec} inside
 * {@code stored}, starting at their offsets; an offset of -1 means the record has no such image.
 *
 * @param byTtl a deletion made by the time-to-live sweeper
 */
public record StoredStreamRecord(long sequence, String eventName, long createdMillis, String region, boolean byTtl,
                                 byte[] stored, int keysAt, int oldImageAt, int newImageAt, int sizeBytes) {
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
