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
            throw ApiException.invalid(field, "input.required", field);
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
            throw ApiException.invalid(field, "input.tooLong", field, max);
        }
        return text;
    }

    public static String email(String field, String value) {
        String text = optional(field, value, 254);
        if (text != null && !EMAIL.matcher(text).matches()) {
            throw ApiException.invalid(field, "input.email", field);
        }
        return text;
    }

    public static String phone(String field, String value) {
        String text = optional(field, value, 32);
        if (text != null && !PHONE.matcher(text).matches()) {
            throw ApiException.invalid(field, "input.phone", field);
        }
        return text;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw ApiException.invalid(field, "input.present", field);
        }
        return value;
    }

    /** An amount in MAD: at most 2 decimals, within numeric(14, 2); {@code positive} refuses zero. */
    public static BigDecimal amount(String field, BigDecimal value, boolean positive) {
        present(field, value);
        if (value.signum() < 0 || positive && value.signum() == 0) {
            throw ApiException.invalid(field, positive ? "input.amount.positive" : "input.amount.notNegative", field);
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw ApiException.invalid(field, "input.amount.decimals", field);
        }
        if (value.compareTo(MAX_AMOUNT) > 0) {
            throw ApiException.invalid(field, "input.amount.tooLarge", field, MAX_AMOUNT.toPlainString());
        }
        return value.setScale(2);
    }

    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw ApiException.invalid(field, "input.atLeast", field, min);
        }
        return value;
    }

    public static Double rate(String field, Double value) {
        if (value != null && (value.isNaN() || value < 0 || value > 1)) {
            throw ApiException.invalid(field, "input.rate", field);
        }
        return value;
    }

    public static LocalDate notAfterToday(String field, LocalDate value, LocalDate today) {
        if (value != null && value.isAfter(today)) {
            throw ApiException.invalid(field, "input.future", field);
        }
        return value;
    }
}
