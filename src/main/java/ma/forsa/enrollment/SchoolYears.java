package ma.forsa.enrollment;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ma.forsa.common.ApiException;

/**
 * School years are written {@code 2024-2025}; enrollments of a year happen from June of its first year to August of
 * its second.
 */
public final class SchoolYears {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{4})-([0-9]{4})");

    private SchoolYears() {
    }

    /** The first calendar year of a valid school year, or null when it is not one. */
    public static Integer firstYearOrNull(String schoolYear) {
        Matcher m = schoolYear == null || schoolYear.length() > 20 ? null : FORMAT.matcher(schoolYear.strip());
        if (m == null || !m.matches()) {
            return null;
        }
        int first = Integer.parseInt(m.group(1));
        if (Integer.parseInt(m.group(2)) != first + 1 || first < 2000 || first > 2100) {
            return null;
        }
        return first;
    }

    /** The first calendar year of a valid school year; VALIDATION on {@code field} otherwise. */
    public static int firstYear(String schoolYear, String field) {
        Integer first = firstYearOrNull(schoolYear);
        if (first == null) {
            throw ApiException.validation(field, field + " must be two consecutive years, e.g. 2024-2025.");
        }
        return first;
    }

    public static LocalDate opens(int firstYear) {
        return LocalDate.of(firstYear, 6, 1);
    }

    public static LocalDate closes(int firstYear) {
        return LocalDate.of(firstYear + 1, 8, 31);
    }

    public static boolean contains(int firstYear, LocalDate date) {
        return !date.isBefore(opens(firstYear)) && !date.isAfter(closes(firstYear));
    }

    /** The school year a date falls in when counted from September (June to August belong to the coming year). */
    public static String of(LocalDate date) {
        int first = date.getMonthValue() >= 6 ? date.getYear() : date.getYear() - 1;
        return first + "-" + (first + 1);
    }
}
