package io.tributary.connect.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An archive in a local directory. A file is written and synced under {@code _tmp/} in the same directory
 * tree, then renamed into place, and its directory synced: after a crash a name holds a whole file or is absent.
 */
public final class LocalArchiveStore implements ArchiveStore {
    private final Path root;

    public LocalArchiveStore(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        Files.createDirectories(this.root.resolve("_tmp"));
    }

    /** Deletes what a crash left half-published; only the archive's writer may call it. */
    void removeStaged() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("_tmp"))) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void publish(Path local, String name) throws IOException {
        Path target = resolve(name);
        Files.createDirectories(target.getParent());
        Path staged = local;
        if (!local.toAbsolutePath().startsWith(root)) {
            staged = Files.createTempFile(root.resolve("_tmp"), "publish", ".tmp");
            Files.copy(local, staged, StandardCopyOption.REPLACE_EXISTING);
        }
        sync(staged);
        move(staged, target);
        if (staged != local) Files.deleteIfExists(local);
    }

    @Override
    public void publish(byte[] content, String name) throws IOException {
        Path target = resolve(name);
        Files.createDirectories(target.getParent());
        Path staged = Files.createTempFile(root.resolve("_tmp"), "publish", ".tmp");
        Files.write(staged, content);
        sync(staged);
        move(staged, target);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path dir = resolve(prefix);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) return names;
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> names.add(root.relativize(f).toString().replace('\\', '/')));
        }
        return names;
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(resolve(name));
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(resolve(name));
    }

    @Override
    public String location() {
        return root.toString();
    }

    private Path resolve(String name) {
        Path p = root.resolve(name).normalize();
        if (!p.startsWith(root)) throw new IllegalArgumentException("a name outside the archive: " + name);
        return p;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the archive directory cannot rename atomically: " + to.getParent(), e);
        }
        sync(to.getParent());
    }

    static void sync(Path path) throws IOException {
        try (FileChannel c = Files.isDirectory(path) ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }
}
