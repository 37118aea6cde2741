package io.tributary.connect.archive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The archive's layout (docs/archive-format.md): data files under {@code TABLE/date=YYYY-MM-DD/hour=HH/},
 * named {@code part-STARTMILLIS-COUNTER-TAG.jsonl.gz} so that names sort in the order one writer made them,
 * and one manifest entry per data file under {@code _manifest/}, named after it.
 */
public final class ArchiveNames {
    public static final String MANIFEST = "_manifest/";
    public static final String DATA_SUFFIX = ".jsonl.gz";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    private ArchiveNames() {}

    /** The partition folder of a change made at {@code time} (UTC), such as {@code users/date=2026-12-07/hour=09/}. */
    public static String partition(String table, Instant time) {
        return table + "/date=" + DATE.format(time) + "/hour=" + HOUR.format(time) + "/";
    }

    public static String dataFile(String partition, long writerStartMillis, long counter, String tag) {
        return partition + String.format("part-%013d-%06d-%s", writerStartMillis, counter, tag) + DATA_SUFFIX;
    }

    public static String manifestOf(String dataFile) {
        return MANIFEST + dataFile + ".json";
    }

    public static String dataOf(String manifestEntry) {
        return manifestEntry.substring(MANIFEST.length(), manifestEntry.length() - ".json".length());
    }

    public static boolean isDataFile(String name) {
        return name.endsWith(DATA_SUFFIX) && !name.startsWith("_");
    }
}
