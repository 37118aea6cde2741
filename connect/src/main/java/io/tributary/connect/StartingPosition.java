package io.tributary.connect;

import java.time.Instant;

/**
 * Where a consumer starts on a stream it has no checkpoints for, as in a Lambda event source mapping:
 * TRIM_HORIZON (the oldest record kept), LATEST (only changes made from now on) or AT_TIMESTAMP (changes
 * made at or after a time; streams give creation times in whole seconds, so all of that second's changes are
 * included). Once checkpoints exist they win.
 */
public record StartingPosition(Kind kind, Instant timestamp) {
    public enum Kind { TRIM_HORIZON, LATEST, AT_TIMESTAMP }

    public static final StartingPosition TRIM_HORIZON = new StartingPosition(Kind.TRIM_HORIZON, null);
    public static final StartingPosition LATEST = new StartingPosition(Kind.LATEST, null);

    public StartingPosition {
        if ((kind == Kind.AT_TIMESTAMP) != (timestamp != null)) throw new IllegalArgumentException("AT_TIMESTAMP and only it takes a time");
    }

    public static StartingPosition atTimestamp(Instant t) {
        return new StartingPosition(Kind.AT_TIMESTAMP, t);
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
