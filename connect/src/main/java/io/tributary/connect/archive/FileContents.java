package io.tributary.connect.archive;

import io.tributary.connect.ChangeEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a data file holds, counted change by change, for its manifest entry. */
final class FileContents {
    private long records, inserts, modifies, removes;
    private Instant firstTime, lastTime;
    private final Map<String, String[]> shardFirstLast = new LinkedHashMap<>();
    private final Map<String, Long> shardRecords = new LinkedHashMap<>();

    void add(ChangeEvent e) {
        records++;
        switch (e.eventName()) {
            case INSERT -> inserts++;
            case MODIFY -> modifies++;
            case REMOVE -> removes++;
        }
        Instant t = e.approximateCreationTime();
        if (t != null) {
            if (firstTime == null || t.isBefore(firstTime)) firstTime = t;
            if (lastTime == null || t.isAfter(lastTime)) lastTime = t;
        }
        if (e.shardId() != null) {
            shardFirstLast.computeIfAbsent(e.shardId(), s -> new String[] {e.sequenceNumber(), null})[1] = e.sequenceNumber();
            shardRecords.merge(e.shardId(), 1L, Long::sum);
        }
    }

    long records() {
        return records;
    }

    ManifestEntry entry(String file, String table, long compressedBytes) {
        Map<String, ManifestEntry.ShardSpan> shards = new LinkedHashMap<>();
        shardFirstLast.forEach((id, fl) -> shards.put(id, new ManifestEntry.ShardSpan(fl[0], fl[1], shardRecords.get(id))));
        return new ManifestEntry(file, table, records, inserts, modifies, removes, compressedBytes, firstTime, lastTime, shards, Instant.now());
    }
}
