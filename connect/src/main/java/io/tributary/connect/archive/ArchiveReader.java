package io.tributary.connect.archive;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.SequenceNumbers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads an archive through its manifest, so only published files are read. Files are read in name order, which
 * is per table the order of their hours and, within an hour, the order their writers made them: every item's
 * changes come in stream order.
 */
public final class ArchiveReader {
    private final ArchiveStore store;

    public ArchiveReader(ArchiveStore store) {
        this.store = store;
    }

    /** The manifest entries of the table's files, in reading order. */
    public List<ManifestEntry> files(String table) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        for (String name : store.list(ArchiveNames.MANIFEST)) {
            if (!name.startsWith(ArchiveNames.MANIFEST + table + "/")) continue;
            try (InputStream in = store.open(name)) {
                entries.add(ManifestEntry.parse(in.readAllBytes()));
            }
        }
        entries.sort(Comparator.comparing(ManifestEntry::file));
        return entries;
    }

    /** The last sequence number of every shard in these files: where the live stream takes over. */
    public static Map<String, String> lastPositions(List<ManifestEntry> files) {
        Map<String, String> last = new HashMap<>();
        for (ManifestEntry e : files) {
            e.shards().forEach((shard, span) -> last.merge(shard, span.lastSequenceNumber(),
                    (a, b) -> SequenceNumbers.compare(a, b) >= 0 ? a : b));
        }
        return last;
    }

    /** Hands every change of the file to {@code each}, in the order they were archived. */
    public void read(ManifestEntry file, Consumer<ChangeEvent> each) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(store.open(file.file()), 64 * 1024), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isEmpty()) each.accept(EventJson.parseEvent(EventJson.MAPPER.readTree(line)));
            }
        }
    }

    /** True when the file may hold changes made at or after {@code since} (null: from the beginning). */
    public static boolean mayHoldFrom(ManifestEntry file, Instant since) {
        return since == null || file.lastCreationTime() == null || !file.lastCreationTime().isBefore(since);
    }
}
