package ma.forsa.enrollment;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ma.forsa.common.ApiException;

/** School years are written {@code 2024-2025}; enrollments of a year happen from June of its first year to August of its second. */
public final class SchoolYears {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{4})-([0-9]{4})");

    private SchoolYears() {
    }

    /** The first calendar year of a valid school year; VALIDATION on {@code field} otherwise. */
    public static int firstYear(String schoolYear, String field) {
        Matcher m = schoolYear == null ? null : FORMAT.matcher(schoolYear.strip());
        if (m == null || !m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1
                || Integer.parseInt(m.group(1)) < 2000 || Integer.parseInt(m.group(1)) > 2100) {
            throw ApiException.validation(field, field + " must be two consecutive years, e.g. 2024-2025; got '"
                    + schoolYear + "'.");
        }
        return Integer.parseInt(m.group(1));
    }

    public static LocalDate opens(int firstYear) {
        return LocalDate.of(firstYear, 6, 1);
    }

    public static LocalDate closes(int firstYear) {
        return LocalDate.of(firstYear + 1, 8, 31);
    }
}
