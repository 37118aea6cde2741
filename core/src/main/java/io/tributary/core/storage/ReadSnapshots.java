package io.tributary.core.storage;

import io.tributary.core.TributaryException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The read snapshots a server holds for clients (the bootstrap's consistent scan): taken by
 * {@link Database#snapshot}, used by id, released by the client or once unused for {@link #IDLE_MILLIS}.
 * A snapshot released while a request reads it is freed when that request is done. Each pins the RocksDB
 * files it reads, so their number is bounded.
 */
public final class ReadSnapshots implements AutoCloseable {
    static final long IDLE_MILLIS = TimeUnit.MINUTES.toMillis(10);
    static final int MAX_HELD = 64;

    private final class Held {
        final ReadSnapshot snapshot;
        long lastUsedNanos = System.nanoTime();
        int readers;
        boolean released;

        Held(ReadSnapshot snapshot) {
            this.snapshot = snapshot;
        }
    }

    /** One request's use of a snapshot: close it when the request is done. */
    public final class InUse implements AutoCloseable {
        private final Held held;

        private InUse(Held held) {
            this.held = held;
        }

        public ReadSnapshot snapshot() {
            return held.snapshot;
        }

        @Override
        public void close() {
            synchronized (ReadSnapshots.this) {
                held.readers--;
                held.lastUsedNanos = System.nanoTime();
                freeIfDone(held);
            }
        }
    }

    private final Storage storage;
    private final Map<String, Held> held = new HashMap<>();

    ReadSnapshots(Storage storage) {
        this.storage = storage;
    }

    synchronized InUse add(String tableName, long sequence, String streamLabel, Map<String, Long> positions, org.rocksdb.Snapshot snapshot) {
        releaseIdle();
        if (held.size() >= MAX_HELD) {
            storage.release(snapshot);
            throw TributaryException.limitExceeded("Too many read snapshots are held (" + MAX_HELD + "); release one or wait "
                    + TimeUnit.MILLISECONDS.toMinutes(IDLE_MILLIS) + " minutes for an unused one to expire");
        }
        Held h = new Held(new ReadSnapshot(UUID.randomUUID().toString(), tableName, sequence, streamLabel, Map.copyOf(positions), snapshot));
        held.put(h.snapshot.id(), h);
        h.readers++;
        return new InUse(h);
    }

    /** The snapshot with this id, for one request to read. */
    public synchronized InUse use(String id) {
        releaseIdle();
        Held h = held.get(id);
        if (h == null) throw TributaryException.resourceNotFound("Requested resource not found: Snapshot: " + id
                + " is not held (released, unused for " + TimeUnit.MILLISECONDS.toMinutes(IDLE_MILLIS) + " minutes, or the server restarted)");
        h.readers++;
        return new InUse(h);
    }

    /** Lets go of the snapshot; unknown ids are ignored, as releasing twice is harmless. */
    public synchronized void release(String id) {
        Held h = held.remove(id);
        if (h == null) return;
        h.released = true;
        freeIfDone(h);
    }

    public synchronized int size() {
        return held.size();
    }

    private void freeIfDone(Held h) {
        if (h.released && h.readers == 0) storage.release(h.snapshot.snapshot());
    }

    private void releaseIdle() {
        long now = System.nanoTime();
        for (Held h : new ArrayList<>(held.values())) {
            if (h.readers == 0 && now - h.lastUsedNanos > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) release(h.snapshot.id());
        }
    }

    @Override
    public synchronized void close() {
        for (String id : new ArrayList<>(held.keySet())) release(id);
    }
}
