package io.tributary.connect.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A data file still being written, on local disk. Each {@link #sync} ends a gzip member and syncs the file,
 * so after a crash the file is whole members (which gzip readers take as one stream) and perhaps a torn last
 * one, which {@link #salvage} drops.
 */
final class SpoolFile {
    final String name;
    final Path path;
    final long openedNanos = System.nanoTime();
    private final FileChannel channel;
    private final OutputStream raw;
    private GZIPOutputStream member;
    private final FileContents contents = new FileContents();
    private long uncompressedBytes;

    SpoolFile(Path path, String name) throws IOException {
        this.name = name;
        this.path = path;
        Files.createDirectories(path.getParent());
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        raw = Channels.newOutputStream(channel);
    }

    void append(ChangeEvent e) throws IOException {
        byte[] line = (EventJson.event(e, true).toString() + "\n").getBytes(StandardCharsets.UTF_8);
        if (member == null) member = new GZIPOutputStream(new NonClosing(raw), 64 * 1024);
        member.write(line);
        uncompressedBytes += line.length;
        contents.add(e);
    }

    long records() {
        return contents.records();
    }

    long uncompressedBytes() {
        return uncompressedBytes;
    }

    /** Ends the gzip member and syncs: everything appended so far survives a crash. */
    void sync() throws IOException {
        if (member != null) {
            member.finish();
            member = null;
        }
        channel.force(false);
    }

    /** Syncs and closes the file, returning what it holds. */
    ManifestEntry close(String table) throws IOException {
        sync();
        long size = channel.size();
        channel.close();
        return contents.entry(name, table, size);
    }

    /**
     * The changes of a spool file a crash left behind: every complete, parseable line up to the first that is
     * not (the torn end of the last member).
     */
    static List<ChangeEvent> salvage(Path path) throws IOException {
        List<ChangeEvent> events = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 64 * 1024)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        line.write(buffer[i]);
                        continue;
                    }
                    JsonNode json = EventJson.MAPPER.readTree(line.toByteArray());
                    events.add(EventJson.parseEvent(json));
                    line.reset();
                }
            }
        } catch (IOException | RuntimeException torn) {
            // the torn end of the last member: what came before it is kept
        }
        return events;
    }

    /** Lets a gzip member end without closing the file under it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
