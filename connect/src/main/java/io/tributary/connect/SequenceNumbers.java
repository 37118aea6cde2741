package io.tributary.connect;

/**
 * Stream sequence numbers are decimal strings of up to 40 digits, padded with zeros by some servers and not
 * by others: compared as numbers, without parsing them into one.
 */
public final class SequenceNumbers {
    private SequenceNumbers() {}

    /** Negative, zero or positive as {@code a} is before, the same as, or after {@code b}. */
    public static int compare(String a, String b) {
        String x = stripZeros(a), y = stripZeros(b);
        if (x.length() != y.length()) return Integer.compare(x.length(), y.length());
        return x.compareTo(y);
    }

    /** The number without leading zeros ("0" stays "0"). */
    public static String stripZeros(String n) {
        int i = 0;
        while (i < n.length() - 1 && n.charAt(i) == '0') i++;
        return n.substring(i);
    }
}
