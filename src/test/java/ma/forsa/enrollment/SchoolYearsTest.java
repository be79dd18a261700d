package ma.forsa.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import ma.forsa.common.ApiException;

/** School years: 2024-2025, enrollments from June 1 of the first year to August 31 of the second. Plain JUnit. */
@Tag("unit")
class SchoolYearsTest {

    @ParameterizedTest
    @CsvSource({ "2024-2025, 2024", "' 2025-2026 ', 2025", "2000-2001, 2000", "2100-2101, 2100" })
    void aSchoolYearIsTwoConsecutiveYears(String text, int first) {
        assertEquals(first, SchoolYears.firstYearOrNull(text));
        assertEquals(first, SchoolYears.firstYear(text, "schoolYear"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "2024", "2024-2026", "2025-2024", "2024/2025", "24-25", "1999-2000", "2101-2102",
        "2024-2025-2026", "20242025", "xxxxxxxxxxxxxxxxxxxxx" })
    void anythingElseIsNotOne(String text) {
        assertNull(SchoolYears.firstYearOrNull(text));
        ApiException e = assertThrows(ApiException.class, () -> SchoolYears.firstYear(text, "schoolYear"));
        assertEquals("schoolYear", e.details().get("field"));
    }

    @Test
    void enrollmentsOfAYearRunFromJuneToAugustOfTheNext() {
        assertEquals(LocalDate.of(2025, 6, 1), SchoolYears.opens(2025));
        assertEquals(LocalDate.of(2026, 8, 31), SchoolYears.closes(2025));
        assertTrue(SchoolYears.contains(2025, LocalDate.of(2025, 6, 1)));
        assertTrue(SchoolYears.contains(2025, LocalDate.of(2026, 8, 31)));
        assertFalse(SchoolYears.contains(2025, LocalDate.of(2025, 5, 31)));
        assertFalse(SchoolYears.contains(2025, LocalDate.of(2026, 9, 1)));
    }

    @ParameterizedTest
    @CsvSource({ "2025-09-15, 2025-2026", "2026-05-31, 2025-2026", "2026-06-01, 2026-2027", "2026-01-01, 2025-2026",
        "2026-12-02, 2026-2027" })
    void theSchoolYearOfADateTurnsInJune(LocalDate date, String year) {
        assertEquals(year, SchoolYears.of(date));
    }
}
