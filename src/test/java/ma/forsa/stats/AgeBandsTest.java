package ma.forsa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The AGE_BAND dimension's bands, from forsa.stats.age-bands. Plain JUnit. */
@Tag("unit")
class AgeBandsTest {

    @Test
    void eachBandIsACaseBranchAndOtherAgesAreOther() {
        assertEquals("(CASE WHEN f.age BETWEEN 13 AND 15 THEN '13-15' WHEN f.age BETWEEN 16 AND 18 THEN '16-18' "
                + "WHEN f.age BETWEEN 19 AND 22 THEN '19-22' ELSE 'OTHER' END)", new AgeBands("13-15,16-18,19-22").sql("f.age"));
    }

    @Test
    void spacesAndSingleYearBandsAreAccepted() {
        String sql = new AgeBands(" 13 - 13 , 14-22 ").sql("age");
        assertTrue(sql.contains("WHEN age BETWEEN 13 AND 13 THEN '13-13'"), sql);
        assertTrue(sql.contains("WHEN age BETWEEN 14 AND 22 THEN '14-22'"), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = { "13", "13-15-18", "15-13", "a-b", "" })
    void aMalformedSettingIsRefusedAtStartUp(String spec) {
        assertThrows(IllegalArgumentException.class, () -> new AgeBands(spec));
    }
}
