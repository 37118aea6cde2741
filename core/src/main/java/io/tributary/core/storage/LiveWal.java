package io.tributary.core.storage;

import org.rocksdb.AbstractEventListener;
import org.rocksdb.LogFile;
import org.rocksdb.MemTableInfo;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WalFileType;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Syncs RocksDB's WAL so that several syncs can run at once. RocksDB's own {@code SyncWAL} waits for any sync in
 * progress, so a write that arrived during one waited for it and then for its own; on this project's disk two
 * or three {@code fdatasync}s of one file overlap (a Python loop: 3,400 syncs/s from one thread, 7,600 from
 * three, p50 236 -> 348 µs). So the file RocksDB appends to now is synced through a descriptor of our own.
 *
 * <p>That covers a write only if it went into that file. RocksDB moves to a new WAL file only when it seals a
 * memtable, and it tells its listeners so before any write reaches the new file; each seal bumps a counter. A
 * sync reads the counter after the writes it must cover have returned: if it is still the one our descriptor
 * was opened at, every one of those writes is in that file or was synced before it was opened. Otherwise
 * RocksDB's {@code SyncWAL} syncs every WAL file (and the directory that holds a new one), and the file RocksDB
 * appends to now is opened once that is certain (see {@link #liveFile}); until then syncs go through RocksDB.
 */
final class LiveWal implements AutoCloseable {
    /** The descriptor of the WAL file RocksDB was appending to when the counter read {@code seals}. */
    private record Opened(long seals, Path path, FileChannel file) {}

    private static final Pattern WAL_NAME = Pattern.compile("(\\d+)\\.log");

    private final Path directory;
    private final AtomicLong seals = new AtomicLong();
    private final AbstractEventListener listener = new AbstractEventListener(AbstractEventListener.EnabledEventCallback.ON_MEMTABLE_SEALED) {
        @Override
        public void onMemTableSealed(MemTableInfo info) {
            seals.incrementAndGet();
        }
    };
    private volatile Opened opened;

    LiveWal(Path directory) {
        this.directory = directory;
    }

    /** To be given to RocksDB before it opens the database. */
    AbstractEventListener listener() {
        return listener;
    }

    /** Syncs every WAL write of {@code db} that returned before this call began. */
    void sync(RocksDB db) {
        long now = seals.get();
        Opened o = opened;
        if (o != null && o.seals() == now) {
            try {
                o.file().force(false);
                return;
            } catch (ClosedChannelException e) {
                // another sync replaced the descriptor, or an interrupt closed it; RocksDB's own sync is always right
            } catch (IOException e) {
                throw new StorageException("WAL sync failed: " + e.getMessage(), e);
            }
        }
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            throw new StorageException("WAL sync failed: " + e.getMessage(), e);
        }
        reopen(db, now);
    }

    private synchronized void reopen(RocksDB db, long seals) {
        Opened old = opened;
        // An interrupt during a sync closes the descriptor for every thread: open it again then too.
        if (old != null && old.seals() >= seals && old.file().isOpen()) return;
        opened = null;
        closeQuietly(old);
        try {
            Path live = liveFile(db);
            // Opened for writing though nothing is written through it: some systems sync only a writable descriptor.
            if (live != null) opened = new Opened(seals, live, FileChannel.open(live, StandardOpenOption.WRITE));
        } catch (RocksDBException | IOException e) {
            // a WAL file deleted between the listing and the open, say: the next sync goes through RocksDB again
        }
    }

    /**
     * The WAL file RocksDB appends to, or null while that is not certain. RocksDB's list of live WAL files leaves
     * out empty ones, so just after a seal its newest is the file before; WAL files are numbered in the order they
     * are made, so the file is RocksDB's newest only if it is also the highest numbered in the directory.
     */
    private Path liveFile(RocksDB db) throws RocksDBException, IOException {
        long newest = -1;
        for (LogFile f : db.getSortedWalFiles()) {
            if (f.type() == WalFileType.kAliveLogFile) newest = Math.max(newest, f.logNumber());
        }
        long highest = -1;
        Path file = null;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = WAL_NAME.matcher(f.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) > highest) {
                    highest = Long.parseLong(m.group(1));
                    file = f;
                }
            }
        }
        return newest >= 0 && newest == highest ? file : null;
    }

    /** The WAL file synced through our own descriptor, or null until a sync has opened one. */
    Path file() {
        Opened o = opened;
        return o == null ? null : o.path();
    }

    private static void closeQuietly(Opened o) {
        if (o == null) return;
        try {
            o.file().close();
        } catch (IOException ignored) {
            // a descriptor nothing was written through: closing it loses nothing
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(opened);
        opened = null;
        listener.close();
    }
}
