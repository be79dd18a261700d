package ma.forsa.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Name matching: normalised forms (duplicates, search) and the bounded edit distance. Plain JUnit. */
@Tag("unit")
class NamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Zineb Aït-Ouahmane   | zineb ait ouahmane",
        "  ZINEB   ait OUAHMANE | zineb ait ouahmane",
        "Chaïmae El-Idrissi.  | chaimae el idrissi",
        "Benjelloun (née Tazi) | benjelloun nee tazi",
        "Straße | strase",
        "Yıldız | yildiz",
        "فاطِمة | فاطمه",
        "فاطمه | فاطمه",
        "أحمد | احمد",
        "إيمان | ايمان",
        "آدم | ادم",
        "مصطفى | مصطفي",
        "محـمـد | محمد",
        "'' | ''",
        "--- | ''" })
    void normaliseRemovesCaseAccentsDiacriticsAndUnifiesLetterVariants(String given, String expected) {
        assertEquals(expected, Names.normalise(given));
    }

    @Test
    void normaliseOfNullIsEmpty() {
        assertEquals("", Names.normalise(null));
    }

    @Test
    void keysJoinTheNormalisedNamesAndSkipMissingOnes() {
        assertEquals("zineb ait ouahmane", Names.nameKey("Zineb", "Aït Ouahmane"));
        assertEquals("zineb ait ouahmane زينب ايت واحمان", Names.searchKey("Zineb", "Aït Ouahmane", "زينب", "آيت واحمان"));
        assertEquals("zineb", Names.searchKey("Zineb", null, "", "  "));
    }

    @Test
    void searchTokensAreDistinctNormalisedWordsUpToTheMaximum() {
        assertEquals(List.of("zineb", "ait"), Names.tokens("Zineb AÏT zineb", 5));
        assertEquals(List.of("a", "b"), Names.tokens("a b c d", 2));
        assertEquals(List.of(), Names.tokens("  ?! ", 5));
    }

    @ParameterizedTest(name = "{0} / {1} (limit {2}) -> {3}")
    @CsvSource({
        "zineb, zineb, 2, 0",
        "zineb, zaineb, 2, 1",
        "zineb, zeinab, 2, 2",
        "fatima, fatma, 2, 1",
        "khadija, khadidja, 2, 1",
        "abc, xyz, 2, 3",
        "abc, abcdef, 2, 3",
        "'', abc, 3, 3",
        "youssef, yousef, 0, 1" })
    void distanceIsLevenshteinGivingUpPastTheLimit(String a, String b, int limit, int expected) {
        assertEquals(expected, Names.distance(a, b, limit));
        assertEquals(expected, Names.distance(b, a, limit), "symmetric");
    }
}
