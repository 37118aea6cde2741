package io.tributary.connect;

import java.time.Instant;
import java.util.Map;

/**
 * Where a consumer starts on a stream it has no checkpoints for, as in a Lambda event source mapping:
 * TRIM_HORIZON (the oldest record kept), LATEST (only changes made from now on) or AT_TIMESTAMP (changes
 * made at or after a time; streams give creation times in whole seconds, so all of that second's changes are
 * included), or after given positions of given shards (where a bootstrap or a replay hands over). Once
 * checkpoints exist they win.
 */
public record StartingPosition(Kind kind, Instant timestamp, Map<String, String> positions) {
    /** AFTER_POSITIONS: after a given sequence number in the shards named, from the beginning in the others (a bootstrap's hand-over). */
    public enum Kind { TRIM_HORIZON, LATEST, AT_TIMESTAMP, AFTER_POSITIONS }

    public static final StartingPosition TRIM_HORIZON = new StartingPosition(Kind.TRIM_HORIZON, null, null);
    public static final StartingPosition LATEST = new StartingPosition(Kind.LATEST, null, null);

    public StartingPosition {
        if ((kind == Kind.AT_TIMESTAMP) != (timestamp != null)) throw new IllegalArgumentException("AT_TIMESTAMP and only it takes a time");
        if ((kind == Kind.AFTER_POSITIONS) != (positions != null)) throw new IllegalArgumentException("AFTER_POSITIONS and only it takes positions");
        if (positions != null) positions = Map.copyOf(positions);
    }

    public static StartingPosition atTimestamp(Instant t) {
        return new StartingPosition(Kind.AT_TIMESTAMP, t, null);
    }

    /** After {@code positions} (shardId to the last sequence number already applied), other shards from their beginning. */
    public static StartingPosition afterPositions(Map<String, String> positions) {
        return new StartingPosition(Kind.AFTER_POSITIONS, null, positions);
    }

    /** trim-horizon, latest, or an ISO-8601 time such as 2026-12-07T10:00:00Z. */
    public static StartingPosition parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "trim-horizon", "trim_horizon" -> TRIM_HORIZON;
            case "latest" -> LATEST;
            default -> {
                try {
                    yield atTimestamp(Instant.parse(text));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("expected trim-horizon, latest or an ISO-8601 time, got " + text);
                }
            }
        };
    }
}
