package ma.forsa.learner;

import java.util.List;

import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;
import ma.forsa.reference.ReferenceData;

/**
 * The learner rulebook: pure functions over a learner's fields, returning every violation (field + message key),
 * shared by GraphQL ({@code registerLearner}, {@code updateLearner}) and the bulk import, which maps each field to
 * its column. Duplicate suspicion ({@link #looksLike}) is here too.
 */
public final class LearnerRules {

    /** MASSAR code: one letter followed by 9 digits, e.g. J130012345. */
    public static final Pattern MASSAR = Pattern.compile("[A-Z][0-9]{9}");
    /** CIN: 1 or 2 letters followed by 1 to 6 digits, e.g. BE123456. */
    public static final Pattern CIN = Pattern.compile("[A-Z]{1,2}[0-9]{1,6}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{9,15}");
    private static final Pattern ARABIC_NAME = Pattern.compile("[\\p{InArabic}\\s'\\-]+");
    public static final LocalDate OLDEST_BIRTH_DATE = LocalDate.of(1950, 1, 1);
    /** Advisory lock key space: two registrations of people born the same day (GraphQL or import) run one after the other. */
    public static final long BIRTH_DATE_LOCK_NAMESPACE = 0x4C45_4152_0000_0000L;
    /** Names closer than this (Levenshtein on normalised names) with the same birth date look like the same person. */
    public static final int CLOSE_SPELLING = 2;

    /** A validated learner: trimmed, blank strings as null, codes in upper case. */
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

    private LearnerRules() {
    }

    /** Checks every field of {@code in}; the valid learner, or all the violations found. */
    public static Checked<Valid> validate(LearnerInput in, ReferenceData.Snapshot reference, LocalDate today) {
        Checked.Collector c = new Checked.Collector();
        if (in == null) {
            return c.add(Violation.invalid("input", "learner.input.required")).result(null);
        }
        String massar = massarCode(in.massarCode());
        if (massar != null && !MASSAR.matcher(massar).matches()) {
            c.add(Violation.invalid("massarCode", "learner.massarCode.format"));
        }
        String cin = upper(in.cin());
        if (cin != null && !CIN.matcher(cin).matches()) {
            c.add(Violation.invalid("cin", "learner.cin.format"));
        }
        String first = name(c, in.firstName(), "firstName");
        String last = name(c, in.lastName(), "lastName");
        String firstAr = arabic(c, in.firstNameAr(), "firstNameAr");
        String lastAr = arabic(c, in.lastNameAr(), "lastNameAr");
        LocalDate birth = in.birthDate();
        if (birth == null) {
            c.add(Violation.invalid("birthDate", "learner.birthDate.required"));
        } else if (birth.isAfter(today) || birth.isBefore(OLDEST_BIRTH_DATE)) {
            c.add(Violation.invalid("birthDate", "learner.birthDate.range", OLDEST_BIRTH_DATE));
        }
        if (in.sex() == null) {
            c.add(Violation.invalid("sex", "learner.sex.required"));
        }
        String province = upper(in.provinceOfResidenceCode());
        if (province != null && (province.length() > 8 || reference.province(province).isEmpty())) {
            c.add(Violation.invalid("provinceOfResidenceCode", "learner.province.unknown"));
        }
        String guardianName = bounded(c, in.guardianName(), "guardianName", 200);
        String phone = trim(in.guardianPhone());
        if (phone != null) {
            phone = phone.length() > 40 ? phone : phone.replaceAll("[\\s.\\-()]", "");
            if (!PHONE.matcher(phone).matches()) {
                c.add(Violation.invalid("guardianPhone", "learner.guardianPhone.format"));
            }
        }
        String grade = bounded(c, in.lastGradeCompleted(), "lastGradeCompleted", 40);
        Integer leftYear = in.leftSchoolYear();
        if (leftYear != null && (leftYear > today.getYear() || (birth != null && leftYear < birth.getYear() + 5))) {
            c.add(Violation.invalid("leftSchoolYear", "learner.leftSchoolYear.range", today.getYear()));
        }
        String reason = bounded(c, in.dropoutReason(), "dropoutReason", 500);
        LocalDate consent = in.consentRecordedOn();
        if (consent != null && consent.isAfter(today)) {
            c.add(Violation.invalid("consentRecordedOn", "learner.consentRecordedOn.future"));
        }
        if (!c.isEmpty()) {
            return c.result(null);
        }
        return Checked.ok(new Valid(massar, cin, first, last, firstAr, lastAr, birth, in.sex(), province, guardianName, phone,
                Boolean.TRUE.equals(in.disability()), grade, leftYear, reason, consent));
    }

    /**
     * An update by a caller who does not see some of the learner's fields (masked when read: sensitive fields, contact
     * data after exit, see security/PersonalData): a hidden field left empty keeps its stored value instead of being
     * erased, since the caller could only send back the null it read. A hidden field given a value is written (the
     * caller knows something new); for {@code disability}, whose absence reads as false, only {@code true} is a value.
     */
    public static Valid keepHidden(Valid in, Valid stored, Predicate<String> sees) {
        return new Valid(
                keep(in.massarCode(), stored.massarCode(), sees, "massarCode"),
                keep(in.cin(), stored.cin(), sees, "cin"),
                keep(in.firstName(), stored.firstName(), sees, "firstName"),
                keep(in.lastName(), stored.lastName(), sees, "lastName"),
                keep(in.firstNameAr(), stored.firstNameAr(), sees, "firstNameAr"),
                keep(in.lastNameAr(), stored.lastNameAr(), sees, "lastNameAr"),
                in.birthDate(), in.sex(), in.provinceOfResidenceCode(),
                keep(in.guardianName(), stored.guardianName(), sees, "guardianName"),
                keep(in.guardianPhone(), stored.guardianPhone(), sees, "guardianPhone"),
                sees.test("disability") || in.disability() ? in.disability() : stored.disability(),
                keep(in.lastGradeCompleted(), stored.lastGradeCompleted(), sees, "lastGradeCompleted"),
                keep(in.leftSchoolYear(), stored.leftSchoolYear(), sees, "leftSchoolYear"),
                keep(in.dropoutReason(), stored.dropoutReason(), sees, "dropoutReason"),
                keep(in.consentRecordedOn(), stored.consentRecordedOn(), sees, "consentRecordedOn"));
    }

    private static <T> T keep(T given, T stored, Predicate<String> sees, String field) {
        return given == null && !sees.test(field) ? stored : given;
    }

    /** A MASSAR code as stored (upper case, no spaces), or null when blank. */
    public static String massarCode(String code) {
        return upper(code);
    }

    /**
     * The duplicate-suspicion rule for one candidate born the same day: the normalised Latin names (also with first
     * and last name swapped), or the Arabic names when both have them, are the same or within
     * {@link #CLOSE_SPELLING} edits.
     */
    /** The Latin spellings duplicate suspicion compares: the name as given, and first and last names swapped. */
    public static List<String> spellings(Valid in) {
        return List.of(in.nameKey(), Names.nameKey(in.lastName(), in.firstName()));
    }

    public static boolean looksLike(Valid in, String otherNameKey, String otherFirstNameAr, String otherLastNameAr) {
        List<String> spellings = spellings(in);
        String key = spellings.get(0);
        String swapped = spellings.get(1);
        String arabic = Names.nameKey(in.firstNameAr(), in.lastNameAr());
        String other = otherNameKey == null ? "" : otherNameKey;
        String otherArabic = Names.nameKey(otherFirstNameAr, otherLastNameAr);
        return close(key, other) || close(swapped, other)
                || (!arabic.isEmpty() && !otherArabic.isEmpty() && close(arabic, otherArabic));
    }

    private static boolean close(String a, String b) {
        return Names.distance(a, b, CLOSE_SPELLING) <= CLOSE_SPELLING;
    }

    private static String name(Checked.Collector c, String value, String field) {
        String v = trim(value);
        if (v == null) {
            c.add(Violation.invalid(field, "learner." + field + ".required"));
            return null;
        }
        if (v.length() > 100) {
            c.add(Violation.invalid(field, "learner." + field + ".tooLong", 100));
            return null;
        }
        if (Names.normalise(v).isEmpty()) {
            c.add(Violation.invalid(field, "learner." + field + ".letters"));
            return null;
        }
        return v;
    }

    private static String arabic(Checked.Collector c, String value, String field) {
        String v = trim(value);
        if (v != null && (v.length() > 100 || !ARABIC_NAME.matcher(v).matches())) {
            c.add(Violation.invalid(field, "learner." + field + ".arabic"));
            return null;
        }
        return v;
    }

    private static String bounded(Checked.Collector c, String value, String field, int max) {
        String v = trim(value);
        if (v != null && v.length() > max) {
            c.add(Violation.invalid(field, "learner." + field + ".tooLong", max));
            return null;
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
