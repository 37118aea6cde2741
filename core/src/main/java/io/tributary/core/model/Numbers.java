package io.tributary.core.model;

import io.tributary.core.TributaryException;

import java.math.BigDecimal;

/** DynamoDB's number rules: 38 significant digits, magnitudes from 1E-130 to below 1E+126. */
public final class Numbers {
    private static final BigDecimal MAX_EXCLUSIVE = new BigDecimal("1E+126");
    private static final BigDecimal MIN_POSITIVE = new BigDecimal("1E-130");

    private Numbers() {}

    /** Parses a wire number, rejecting it with AWS's message when DynamoDB would. */
    public static BigDecimal parse(String text) {
        BigDecimal value;
        try {
            if (text.isEmpty() || text.length() > 1000 || !isNumericSyntax(text)) throw new NumberFormatException();
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw TributaryException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        return check(value);
    }

    /** Normalises a computed number and applies the range and precision limits. */
    public static BigDecimal check(BigDecimal value) {
        if (value.signum() == 0) return BigDecimal.ZERO;
        BigDecimal normal = value.stripTrailingZeros();
        if (normal.precision() > 38) {
            throw TributaryException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal magnitude = normal.abs();
        if (magnitude.compareTo(MAX_EXCLUSIVE) >= 0) {
            throw overflow();
        }
        if (magnitude.compareTo(MIN_POSITIVE) < 0) {
            throw TributaryException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return normal;
    }

    /** Arithmetic for SET a = b + c and ADD: exact, and refused as AWS refuses it when the result needs more than 38 digits. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        BigDecimal sum = a.add(b);
        if (sum.signum() != 0 && sum.stripTrailingZeros().precision() > 38) throw overflow();
        return check(sum);
    }

    private static TributaryException overflow() {
        return TributaryException.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return add(a, b.negate());
    }

    /** The form DynamoDB answers with: no exponent, no trailing zeros ("1.50" is "1.5"). */
    public static String format(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.toPlainString();
    }

    private static boolean isNumericSyntax(String s) {
        int i = 0, n = s.length();
        if (s.charAt(i) == '+' || s.charAt(i) == '-') i++;
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
