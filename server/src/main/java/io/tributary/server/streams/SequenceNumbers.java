package io.tributary.server.streams;

import io.tributary.core.TributaryException;

/** Sequence numbers on the wire: decimal strings of 21 digits or more. */
public final class SequenceNumbers {
    private SequenceNumbers() {}

    private static final String ZEROS = "0".repeat(21);

    /** Sequence numbers are never negative, so at most 19 digits: padding is all there is to it. */
    public static String format(long seq) {
        String digits = Long.toString(seq);
        return ZEROS.substring(digits.length()) + digits;
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
