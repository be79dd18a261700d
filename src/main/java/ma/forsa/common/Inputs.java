package ma.forsa.common;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** Field-by-field checks of inputs; each refusal names the field and says what to send. */
public final class Inputs {

    /** numeric(14, 2): at most 12 digits before the decimal point. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 .()-]{5,30}$");

    private Inputs() {
    }

    /** A required text, trimmed, at most {@code max} characters. */
    public static String required(String field, String value, int max) {
        String text = value == null ? null : value.strip();
        if (text == null || text.isEmpty()) {
            throw ApiException.validation(field, field + " is required: send a non-empty value.");
        }
        return limit(field, text, max);
    }

    /** An optional text, trimmed; blank becomes null. */
    public static String optional(String field, String value, int max) {
        String text = value == null ? null : value.strip();
        if (text == null || text.isEmpty()) {
            return null;
        }
        return limit(field, text, max);
    }

    private static String limit(String field, String text, int max) {
        if (text.length() > max) {
            throw ApiException.validation(field, field + " is too long: at most " + max + " characters (got " + text.length() + ").");
        }
        return text;
    }

    public static String email(String field, String value) {
        String text = optional(field, value, 254);
        if (text != null && !EMAIL.matcher(text).matches()) {
            throw ApiException.validation(field, field + " is not an e-mail address: send something like contact@example.ma.");
        }
        return text;
    }

    public static String phone(String field, String value) {
        String text = optional(field, value, 32);
        if (text != null && !PHONE.matcher(text).matches()) {
            throw ApiException.validation(field, field + " is not a phone number: use digits, spaces and an optional leading +, "
                    + "e.g. +212 524 00 00 00.");
        }
        return text;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw ApiException.validation(field, field + " is required.");
        }
        return value;
    }

    /** An amount in MAD: at most 2 decimals, within numeric(14, 2); {@code positive} refuses zero. */
    public static BigDecimal amount(String field, BigDecimal value, boolean positive) {
        present(field, value);
        if (value.signum() < 0 || positive && value.signum() == 0) {
            throw ApiException.validation(field, field + " must be " + (positive ? "more than 0" : "0 or more") + " MAD (got "
                    + value.toPlainString() + ").");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw ApiException.validation(field, field + " has more than 2 decimals (centimes): got " + value.toPlainString() + ".");
        }
        if (value.compareTo(MAX_AMOUNT) > 0) {
            throw ApiException.validation(field, field + " is too large: at most " + MAX_AMOUNT.toPlainString() + " MAD.");
        }
        return value.setScale(2);
    }

    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw ApiException.validation(field, field + " must be " + min + " or more (got " + value + ").");
        }
        return value;
    }

    public static Double rate(String field, Double value) {
        if (value != null && (value.isNaN() || value < 0 || value > 1)) {
            throw ApiException.validation(field, field + " is a share between 0 and 1 (e.g. 0.8 for 80 %); got " + value + ".");
        }
        return value;
    }

    public static LocalDate notAfterToday(String field, LocalDate value, LocalDate today) {
        if (value != null && value.isAfter(today)) {
            throw ApiException.validation(field, field + " cannot be in the future (got " + value + ", today is " + today + ").");
        }
        return value;
    }
}
