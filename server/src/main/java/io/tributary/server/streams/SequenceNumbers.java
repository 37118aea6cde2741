package io.tributary.server.streams;

import io.tributary.core.TributaryException;

/** Sequence numbers on the wire: decimal strings of 21 digits or more. */
final class SequenceNumbers {
    private SequenceNumbers() {}

    static String format(long seq) {
        return String.format("%021d", seq);
    }

    static long parse(String text) {
        if (text == null || text.length() < 21 || text.length() > 40 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw TributaryException.validation("Invalid SequenceNumber: " + text);
        }
        String digits = text.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 18) throw TributaryException.validation("Invalid SequenceNumber: " + text);
        return Long.parseLong(digits);
    }
}
