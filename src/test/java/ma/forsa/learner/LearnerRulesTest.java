package ma.forsa.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import ma.forsa.common.ErrorCode;
import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;
import ma.forsa.reference.Academy;
import ma.forsa.reference.Province;
import ma.forsa.reference.ReferenceData;

/** The learner rulebook, table-driven: each broken field gives its violation, all at once. Plain JUnit. */
@Tag("unit")
class LearnerRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    static final ReferenceData.Snapshot REFERENCE = new ReferenceData.Snapshot(
            Map.of("RSK", new Academy("RSK", "Rabat-Salé-Kénitra", null)),
            Map.of("RAB", new Province("RAB", "Rabat", null, "RSK")));

    static LearnerInput valid() {
        return new LearnerInput("j130012345", " be123456 ", " Zineb ", "Aït Ouahmane", "زينب", "آيت واحمان",
                LocalDate.of(2010, 5, 1), Sex.FEMALE, "rab", "Khadija", "06 12-34.56 78", null, "6e primaire", 2022,
                "Éloignement", LocalDate.of(2025, 9, 1));
    }

    /** A copy of the valid input with one field changed. */
    static LearnerInput with(UnaryOperator<Object[]> change) {
        LearnerInput v = valid();
        Object[] f = { v.massarCode(), v.cin(), v.firstName(), v.lastName(), v.firstNameAr(), v.lastNameAr(), v.birthDate(),
            v.sex(), v.provinceOfResidenceCode(), v.guardianName(), v.guardianPhone(), v.disability(),
            v.lastGradeCompleted(), v.leftSchoolYear(), v.dropoutReason(), v.consentRecordedOn() };
        f = change.apply(f);
        return new LearnerInput((String) f[0], (String) f[1], (String) f[2], (String) f[3], (String) f[4], (String) f[5],
                (LocalDate) f[6], (Sex) f[7], (String) f[8], (String) f[9], (String) f[10], (Boolean) f[11], (String) f[12],
                (Integer) f[13], (String) f[14], (LocalDate) f[15]);
    }

    static UnaryOperator<Object[]> set(int index, Object value) {
        return f -> {
            f[index] = value;
            return f;
        };
    }

    static UnaryOperator<Object[]> both(UnaryOperator<Object[]> first, UnaryOperator<Object[]> second) {
        return f -> second.apply(first.apply(f));
    }

    static Stream<Arguments> brokenFields() {
        return Stream.of(
                Arguments.of(set(0, "J12345"), "massarCode", "learner.massarCode.format"),
                Arguments.of(set(0, "1130012345"), "massarCode", "learner.massarCode.format"),
                Arguments.of(set(1, "123456"), "cin", "learner.cin.format"),
                Arguments.of(set(1, "ABC1"), "cin", "learner.cin.format"),
                Arguments.of(set(2, null), "firstName", "learner.firstName.required"),
                Arguments.of(set(2, "   "), "firstName", "learner.firstName.required"),
                Arguments.of(set(2, "x".repeat(101)), "firstName", "learner.firstName.tooLong"),
                Arguments.of(set(3, "-- !"), "lastName", "learner.lastName.letters"),
                Arguments.of(set(4, "Zineb"), "firstNameAr", "learner.firstNameAr.arabic"),
                Arguments.of(set(5, "ع".repeat(101)), "lastNameAr", "learner.lastNameAr.arabic"),
                Arguments.of(set(6, null), "birthDate", "learner.birthDate.required"),
                Arguments.of(both(set(6, TODAY.plusDays(1)), set(13, null)), "birthDate", "learner.birthDate.range"),
                Arguments.of(set(6, LocalDate.of(1949, 12, 31)), "birthDate", "learner.birthDate.range"),
                Arguments.of(set(7, null), "sex", "learner.sex.required"),
                Arguments.of(set(8, "XYZ"), "provinceOfResidenceCode", "learner.province.unknown"),
                Arguments.of(set(8, "RABATRABAT"), "provinceOfResidenceCode", "learner.province.unknown"),
                Arguments.of(set(9, "x".repeat(201)), "guardianName", "learner.guardianName.tooLong"),
                Arguments.of(set(10, "12345"), "guardianPhone", "learner.guardianPhone.format"),
                Arguments.of(set(10, "06-12-ab-56-78"), "guardianPhone", "learner.guardianPhone.format"),
                Arguments.of(set(12, "x".repeat(41)), "lastGradeCompleted", "learner.lastGradeCompleted.tooLong"),
                Arguments.of(set(13, 2027), "leftSchoolYear", "learner.leftSchoolYear.range"),
                Arguments.of(set(13, 2014), "leftSchoolYear", "learner.leftSchoolYear.range"),
                Arguments.of(set(14, "x".repeat(501)), "dropoutReason", "learner.dropoutReason.tooLong"),
                Arguments.of(set(15, TODAY.plusDays(1)), "consentRecordedOn", "learner.consentRecordedOn.future"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("brokenFields")
    void eachBrokenFieldIsOneViolation(UnaryOperator<Object[]> change, String field, String key) {
        Checked<LearnerRules.Valid> checked = LearnerRules.validate(with(change), REFERENCE, TODAY);
        assertFalse(checked.isValid());
        assertNull(checked.value());
        assertEquals(List.of(field + " " + key), checked.violations().stream().map(v -> v.field() + " " + v.key()).toList());
        assertEquals(ErrorCode.VALIDATION, checked.violations().get(0).code());
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        LearnerInput bad = new LearnerInput("bad", "bad", null, null, "latin", null, null, null, "XX", null, "1", null, null,
                null, null, null);
        List<String> fields = LearnerRules.validate(bad, REFERENCE, TODAY).violations().stream().map(Violation::field).toList();
        assertEquals(List.of("massarCode", "cin", "firstName", "lastName", "firstNameAr", "birthDate", "sex",
                "provinceOfResidenceCode", "guardianPhone"), fields);
        assertEquals("input", LearnerRules.validate(null, REFERENCE, TODAY).violations().get(0).field());
    }

    @Test
    void aValidLearnerIsTrimmedAndItsCodesUpperCased() {
        LearnerRules.Valid v = LearnerRules.validate(valid(), REFERENCE, TODAY).orThrow(java.util.Locale.ENGLISH);
        assertEquals("J130012345", v.massarCode());
        assertEquals("BE123456", v.cin());
        assertEquals("Zineb", v.firstName());
        assertEquals("RAB", v.provinceOfResidenceCode());
        assertEquals("0612345678", v.guardianPhone());
        assertFalse(v.disability());
        assertEquals("zineb ait ouahmane", v.nameKey());
        assertTrue(v.searchKey().startsWith("zineb ait ouahmane "));
        assertNull(LearnerRules.validate(with(set(0, "  ")), REFERENCE, TODAY).value().massarCode(), "blank is absent");
    }

    @ParameterizedTest(name = "{0} {1} / {2} -> {4}")
    @CsvSource(delimiter = '|', value = {
        // first | last | other's name key | other's Arabic names | looks alike
        "Zineb | Aït Ouahmane | zineb ait ouahmane  |                 | true",
        "Zineb | Aït Ouahmane | zaineb ait ouahmane |                 | true",
        "Zineb | Aït Ouahmane | zeinab ait ouahman  |                 | false",
        "Zineb | Ouahmane     | ouahmane zineb      |                 | true",
        "Zineb | Ouahmane     | ouahmane zaynab     |                 | false",
        "Sara  | Tazi         | salma idrissi       | زينب آيت واحمان | true",
        "Sara  | Tazi         | salma idrissi       | سلمى الإدريسي   | false",
        "Sara  | Tazi         |                     |                 | false" })
    void looksLikeComparesLatinNamesBothWaysAndArabicNamesWhenBothHaveThem(String first, String last, String otherKey,
            String otherArabic, boolean expected) {
        LearnerRules.Valid in = LearnerRules.validate(new LearnerInput(null, null, first, last, "زينب", "آيت واحمان",
                LocalDate.of(2010, 5, 1), Sex.FEMALE, null, null, null, null, null, null, null, null), REFERENCE, TODAY).value();
        String[] arabic = otherArabic == null ? new String[] { null, null } : otherArabic.split(" ", 2);
        assertEquals(expected, LearnerRules.looksLike(in, otherKey, arabic[0], arabic[1]));
    }

    @Test
    void anUpdateKeepsTheHiddenFieldsItLeavesEmptyAndWritesTheOnesItGives() {
        LearnerRules.Valid stored = LearnerRules.validate(valid(), REFERENCE, TODAY).orThrow(java.util.Locale.FRENCH);
        stored = new LearnerRules.Valid(stored.massarCode(), stored.cin(), stored.firstName(), stored.lastName(),
                stored.firstNameAr(), stored.lastNameAr(), stored.birthDate(), stored.sex(), stored.provinceOfResidenceCode(),
                stored.guardianName(), stored.guardianPhone(), true, stored.lastGradeCompleted(), stored.leftSchoolYear(),
                stored.dropoutReason(), stored.consentRecordedOn());
        LearnerRules.Valid form = LearnerRules.validate(with(f -> {
            f[9] = null; // guardianName: hidden, left empty
            f[10] = "0700000000"; // guardianPhone: hidden, given
            f[12] = null; // lastGradeCompleted: shown, emptied on purpose
            f[14] = null; // dropoutReason: hidden, left empty
            return f;
        }), REFERENCE, TODAY).orThrow(java.util.Locale.FRENCH);
        java.util.Set<String> hidden = java.util.Set.of("guardianName", "guardianPhone", "dropoutReason", "disability");

        LearnerRules.Valid merged = LearnerRules.keepHidden(form, stored, field -> !hidden.contains(field));

        assertEquals(stored.guardianName(), merged.guardianName());
        assertEquals("0700000000", merged.guardianPhone());
        assertEquals(stored.dropoutReason(), merged.dropoutReason());
        assertTrue(merged.disability(), "absent reads as false: a hidden true stays");
        assertNull(merged.lastGradeCompleted(), "a field the caller sees is written as sent, empty included");
        assertEquals(form.firstName(), merged.firstName());
        assertFalse(LearnerRules.keepHidden(form, stored, field -> true).disability(), "seen: written as sent");
    }
}
