package ma.forsa.learner;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

import ma.forsa.common.ApiException;
import ma.forsa.reference.ReferenceData;

/** Field-by-field validation and normalisation of a {@link LearnerInput}, before any database access. */
public final class LearnerInputs {

    /** MASSAR code: one letter followed by 9 digits, e.g. J130012345. */
    public static final Pattern MASSAR = Pattern.compile("[A-Z][0-9]{9}");
    /** CIN: 1 or 2 letters followed by 1 to 6 digits, e.g. BE123456. */
    public static final Pattern CIN = Pattern.compile("[A-Z]{1,2}[0-9]{1,6}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{9,15}");
    private static final Pattern ARABIC_NAME = Pattern.compile("[\\p{InArabic}\\s'\\-]+");
    private static final LocalDate OLDEST_BIRTH_DATE = LocalDate.of(1950, 1, 1);

    /** A validated input: trimmed, blank strings as null, codes in upper case. */
    public record Valid(String massarCode, String cin, String firstName, String lastName, String firstNameAr,
            String lastNameAr, LocalDate birthDate, Sex sex, String provinceOfResidenceCode, String guardianName,
            String guardianPhone, boolean disability, String lastGradeCompleted, Integer leftSchoolYear,
            String dropoutReason, LocalDate consentRecordedOn) {

        public String nameKey() {
            return Names.nameKey(firstName, lastName);
        }

        public String searchKey() {
            return Names.searchKey(firstName, lastName, firstNameAr, lastNameAr);
        }
    }

    private LearnerInputs() {
    }

    public static Valid validate(LearnerInput in, ReferenceData.Snapshot reference, LocalDate today) {
        if (in == null) {
            throw ApiException.validation("input", "input is required.");
        }
        String massar = upper(in.massarCode());
        if (massar != null && !MASSAR.matcher(massar).matches()) {
            throw ApiException.validation("massarCode", "massarCode must be one letter followed by 9 digits, e.g. "
                    + "J130012345; leave it empty when the learner has none.");
        }
        String cin = upper(in.cin());
        if (cin != null && !CIN.matcher(cin).matches()) {
            throw ApiException.validation("cin", "cin must be 1 or 2 letters followed by 1 to 6 digits, e.g. BE123456; "
                    + "leave it empty when the learner has none.");
        }
        String first = required(in.firstName(), "firstName", 100);
        String last = required(in.lastName(), "lastName", 100);
        String firstAr = arabic(in.firstNameAr(), "firstNameAr");
        String lastAr = arabic(in.lastNameAr(), "lastNameAr");
        if (Names.normalise(first).isEmpty()) {
            throw ApiException.validation("firstName", "firstName must contain letters.");
        }
        if (Names.normalise(last).isEmpty()) {
            throw ApiException.validation("lastName", "lastName must contain letters.");
        }
        LocalDate birth = in.birthDate();
        if (birth == null) {
            throw ApiException.validation("birthDate", "birthDate is required.");
        }
        if (birth.isAfter(today) || birth.isBefore(OLDEST_BIRTH_DATE)) {
            throw ApiException.validation("birthDate", "birthDate must be a past date after " + OLDEST_BIRTH_DATE
                    + "; got " + birth + ".");
        }
        if (in.sex() == null) {
            throw ApiException.validation("sex", "sex is required (FEMALE or MALE).");
        }
        String province = trim(in.provinceOfResidenceCode());
        if (province != null) {
            province = province.toUpperCase(Locale.ROOT);
            if (reference.province(province).isEmpty()) {
                throw ApiException.validation("provinceOfResidenceCode", "provinceOfResidenceCode '" + province
                        + "' is not a province code: pick one from academies { provinces { code } }.");
            }
        }
        String guardianName = optional(in.guardianName(), "guardianName", 200);
        String phone = trim(in.guardianPhone());
        if (phone != null) {
            phone = phone.replaceAll("[\\s.\\-()]", "");
            if (!PHONE.matcher(phone).matches()) {
                throw ApiException.validation("guardianPhone", "guardianPhone must be a phone number of 9 to 15 digits, "
                        + "optionally starting with +, e.g. 0612345678 or +212612345678.");
            }
        }
        String grade = optional(in.lastGradeCompleted(), "lastGradeCompleted", 40);
        Integer leftYear = in.leftSchoolYear();
        if (leftYear != null && (leftYear < birth.getYear() + 5 || leftYear > today.getYear())) {
            throw ApiException.validation("leftSchoolYear", "leftSchoolYear must be a year between " + (birth.getYear() + 5)
                    + " (age 5) and " + today.getYear() + "; got " + leftYear + ".");
        }
        String reason = optional(in.dropoutReason(), "dropoutReason", 500);
        LocalDate consent = in.consentRecordedOn();
        if (consent != null && consent.isAfter(today)) {
            throw ApiException.validation("consentRecordedOn", "consentRecordedOn cannot be in the future; got " + consent + ".");
        }
        return new Valid(massar, cin, first, last, firstAr, lastAr, birth, in.sex(), province, guardianName, phone,
                Boolean.TRUE.equals(in.disability()), grade, leftYear, reason, consent);
    }

    /** A MASSAR code as stored (upper case), or null when blank. */
    public static String massarCode(String code) {
        return upper(code);
    }

    private static String required(String value, String field, int max) {
        String v = trim(value);
        if (v == null) {
            throw ApiException.validation(field, field + " is required.");
        }
        return max(v, field, max);
    }

    private static String optional(String value, String field, int max) {
        String v = trim(value);
        return v == null ? null : max(v, field, max);
    }

    private static String arabic(String value, String field) {
        String v = optional(value, field, 100);
        if (v != null && !ARABIC_NAME.matcher(v).matches()) {
            throw ApiException.validation(field, field + " must be written in Arabic script (e.g. فاطمة).");
        }
        return v;
    }

    private static String max(String v, String field, int max) {
        if (v.length() > max) {
            throw ApiException.validation(field, field + " must be at most " + max + " characters.");
        }
        return v;
    }

    private static String trim(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }

    private static String upper(String value) {
        String v = trim(value);
        return v == null ? null : v.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
