package ma.forsa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;

/** The pure functions of the disclosure rule, case by case (threshold 5 unless said). */
class DisclosureTest {

    final Disclosure rule = new Disclosure(5);

    static Tally.Nested around(long total, long before, long after) {
        return new Tally.Nested(total, before == 0 ? Tally.NO_MONTH_BEFORE : 100, before, after == 0 ? Tally.NO_MONTH_AFTER : 200,
                after);
    }

    // ------------------------------------------------------------------ rule 1: one count

    @ParameterizedTest(name = "{0} learners shown: {1}")
    @CsvSource({ "0,true", "1,false", "2,false", "3,false", "4,false", "5,true", "6,true", "1000,true" })
    void aCountIsShownWhenZeroOrAtLeastTheThreshold(long n, boolean shown) {
        assertEquals(shown, rule.shows(Tally.of(n)));
    }

    @ParameterizedTest(name = "threshold 3: {0} shown {1}")
    @CsvSource({ "0,true", "1,false", "2,false", "3,true" })
    void theThresholdIsASetting(long n, boolean shown) {
        assertEquals(shown, new Disclosure(3).shows(Tally.of(n)));
    }

    @Test
    void aThresholdUnderOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Disclosure(0));
    }

    @ParameterizedTest(name = "count 10, nested query {0}: shown {1}")
    @CsvSource({ "10,true", "11,false", "14,false", "15,true", "40,true", "9,false", "6,false", "5,true", "0,true" })
    void aNestedQueryMayDifferByZeroOrAtLeastTheThreshold(long nested, boolean shown) {
        assertEquals(shown, rule.shows(Tally.among(10, List.of(nested))));
    }

    @Test
    void everyNestedQueryIsChecked() {
        assertTrue(rule.shows(Tally.among(10, List.of(10L, 20L, 0L))));
        assertFalse(rule.shows(Tally.among(10, List.of(10L, 20L, 12L))));
    }

    @ParameterizedTest(name = "same count over the range, {1} just before and {2} just after: shown {3}")
    @CsvSource({ "10,0,0,true", "10,1,0,false", "10,0,4,false", "10,5,0,true", "10,5,7,true", "10,4,9,false",
            "15,3,0,true", "12,0,0,false", "11,2,2,false" })
    void overAWiderRangeTheNearestMonthsMustBeEmptyOrLarge(long nestedTotal, long before, long after, boolean shown) {
        // nestedTotal 10: the same count over the range, so the months around it are the differences; 15: the
        // difference over the range itself is 5 already (months outside only add to it); 12: 2 over the range
        assertEquals(shown, rule.shows(new Tally(10, List.of(around(nestedTotal, before, after)), List.of())));
    }

    @Test
    void aZeroIsShownWhateverItsNeighbours() {
        assertTrue(rule.shows(new Tally(0, List.of(around(0, 1, 1)), List.of(Tally.Nested.of(3)))));
    }

    @Test
    void monthsAroundTheRangeKeepTheNearestNonZeroMonth() {
        Tally.Months m = new Tally.Months(10, 12);
        m.add(5, 3);
        m.add(8, 2);
        m.add(8, 1);
        m.add(9, 0);
        m.add(10, 4);
        m.add(12, 6);
        m.add(15, 7);
        m.add(14, 1);
        m.add(20, 9);
        assertEquals(new Tally.Nested(10, 8, 3, 14, 1), m.nested());
        Tally.Months undated = new Tally.Months(Tally.NO_MONTH_BEFORE, Tally.NO_MONTH_AFTER);
        undated.add(0, 3);
        undated.add(0, 4);
        assertEquals(Tally.Nested.of(7), undated.nested());
    }

    @Test
    void nestedQueriesAddUpMonthByMonth() {
        Tally.Nested a = new Tally.Nested(5, 8, 2, 14, 1);
        Tally.Nested b = new Tally.Nested(6, 9, 3, 14, 4);
        assertEquals(new Tally.Nested(11, 9, 3, 14, 5), a.plus(b));
        assertEquals(new Tally.Nested(11, 9, 3, 14, 5), b.plus(a));
        assertEquals(a, a.plus(Tally.Nested.of(0)));
    }

    @Test
    void tallyOfASumDropsTheOwnNeighbours() {
        Tally a = new Tally(5, List.of(around(5, 0, 0)), List.of(Tally.Nested.of(6)));
        Tally b = new Tally(7, List.of(around(9, 0, 0)), List.of(Tally.Nested.of(100)));
        Tally sum = a.plus(b);
        assertEquals(12, sum.total());
        assertEquals(14, sum.summable().get(0).total());
        assertTrue(sum.own().isEmpty());
        assertEquals(12, Tally.ZERO.plus(sum).total());
        assertThrows(IllegalArgumentException.class, () -> a.plus(new Tally(1, List.of(), List.of())
                .plus(new Tally(1, List.of(Tally.Nested.of(1), Tally.Nested.of(1)), List.of()))));
    }

    // ------------------------------------------------------------------ rule 2: a row of figures

    static Disclosure.Figures row(long active, long completed, long droppedOut, long integrated) {
        return Disclosure.Figures.of(active + completed + droppedOut, active, completed, droppedOut, integrated);
    }

    @ParameterizedTest(name = "active {0} completed {1} droppedOut {2} integrated {3}: enrolled {4}, sub-figures {5}")
    @CsvSource({ "10,5,5,5,true,true", // everything large (not integrated 5)
            "7,0,0,0,true,true", // zeros are shown
            "6,0,1,0,true,false", // droppedOut 1 in a row of 7: the sub-figures go, enrolled stays
            "5,5,0,3,true,false", // integrated 3
            "5,5,5,8,true,false", // 2 leavers not integrated (integrated + not integrated = leavers)
            "5,5,5,10,true,true", "1,1,1,0,false,false", // enrolled 3
            "0,4,0,0,false,false", "0,0,0,0,true,true" })
    void aRowShowsItsSubFiguresAllOrNone(long a, long c, long d, long i, boolean enrolled, boolean sub) {
        Disclosure.Shown shown = rule.protect(row(a, c, d, i));
        assertEquals(enrolled, shown.enrolled());
        assertEquals(sub, shown.subFigures());
        assertEquals(!(enrolled && sub), shown.suppressed());
    }

    // ------------------------------------------------------------------ rule 3: complementary suppression

    List<Disclosure.Shown> table(long[][] cells, String... keys) {
        List<Disclosure.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            rows.add(new Disclosure.Row(List.of(keys[i].split("\\|")), row(cells[i][0], cells[i][1], cells[i][2], cells[i][3])));
        }
        return rule.protect(rows);
    }

    static List<Boolean> enrolled(List<Disclosure.Shown> shown) {
        return shown.stream().map(Disclosure.Shown::enrolled).toList();
    }

    static List<Boolean> sub(List<Disclosure.Shown> shown) {
        return shown.stream().map(Disclosure.Shown::subFigures).toList();
    }

    @Test
    void oneHiddenCellTakesTheSmallestOtherOneWithIt() {
        // 3, 20, 11: 3 = total - 20 - 11 unless another goes: the smallest (11)
        assertEquals(List.of(false, true, false), enrolled(table(new long[][] { { 3, 0, 0, 0 }, { 20, 0, 0, 0 }, { 11, 0, 0, 0 } },
                "a", "b", "c")));
    }

    @Test
    void hiddenCellsWhoseSumIsLargeEnoughNeedNoMore() {
        // 3 + 4 = 7: the total minus 20 gives 7, which singles out no one
        assertEquals(List.of(false, false, true), enrolled(table(new long[][] { { 3, 0, 0, 0 }, { 4, 0, 0, 0 }, { 20, 0, 0, 0 } },
                "a", "b", "c")));
        // 1 + 2 = 3 is still small: 20 goes too
        assertEquals(List.of(false, false, false), enrolled(table(new long[][] { { 1, 0, 0, 0 }, { 2, 0, 0, 0 },
                { 20, 0, 0, 0 } }, "a", "b", "c")));
    }

    @Test
    void subFiguresHaveTheirOwnComplement() {
        // droppedOut 1 in F (enrolled 7): F's sub-figures go; M's droppedOut 6 would give F's away from the total: M's go too
        List<Disclosure.Shown> shown = table(new long[][] { { 6, 0, 1, 0 }, { 10, 0, 6, 0 } }, "F", "M");
        assertEquals(List.of(true, true), enrolled(shown));
        assertEquals(List.of(false, false), sub(shown));
        // with a third row, the smallest non-zero visible droppedOut (6) goes with the 1: their sum, 7, is safe
        shown = table(new long[][] { { 6, 0, 1, 0 }, { 10, 0, 6, 0 }, { 20, 0, 9, 0 } }, "a", "b", "c");
        assertEquals(List.of(false, false, true), sub(shown));
    }

    @Test
    void aTwoWayTableIsCompletedInRowsAndColumns() {
        // SEX x AGE: (F,13-15) = 2 is hidden; its row and its column each need a second hidden cell, and these a fourth
        List<Disclosure.Shown> shown = table(new long[][] { { 2, 0, 0, 0 }, { 30, 0, 0, 0 }, { 20, 0, 0, 0 }, { 40, 0, 0, 0 } },
                "F|13-15", "F|16-18", "M|13-15", "M|16-18");
        assertEquals(List.of(false, false, false, false), enrolled(shown));
        // with a third age band the pattern can stay a rectangle
        shown = table(new long[][] { { 2, 0, 0, 0 }, { 30, 0, 0, 0 }, { 9, 0, 0, 0 }, { 20, 0, 0, 0 }, { 40, 0, 0, 0 },
                { 8, 0, 0, 0 } }, "F|13-15", "F|16-18", "F|19-22", "M|13-15", "M|16-18", "M|19-22");
        assertEquals(List.of(false, true, false, false, true, false), enrolled(shown));
    }

    @Test
    void aLoneHiddenCellInAGroupIsNeverLeftAlone() {
        // 20 and 11 are large, but 20 hidden alone in its column would be the column's total minus 11
        List<Disclosure.Shown> shown = table(new long[][] { { 2, 0, 0, 0 }, { 11, 0, 0, 0 }, { 20, 0, 0, 0 }, { 40, 0, 0, 0 } },
                "F|a", "M|a", "F|b", "M|b");
        assertEquals(List.of(false, false, false, false), enrolled(shown));
        // sub-figures: M's active (0) is taken as the second hidden active when nothing else is left
        shown = table(new long[][] { { 6, 0, 1, 0 }, { 0, 7, 0, 0 } }, "F", "M");
        assertEquals(List.of(false, false), sub(shown));
    }

    @Test
    void anEmptyTableIsEmpty() {
        assertEquals(List.of(), rule.protect(List.of()));
    }

    // ------------------------------------------------------------------ families of list queries

    static Map<List<String>, Long> centre(Object... yearStatusCount) {
        Map<List<String>, Long> cells = new HashMap<>();
        for (int i = 0; i < yearStatusCount.length; i += 3) {
            cells.put(List.of((String) yearStatusCount[i], (String) yearStatusCount[i + 1]),
                    ((Number) yearStatusCount[i + 2]).longValue());
        }
        return cells;
    }

    @Test
    void aCentreCountIsComparedWithEveryWiderAndNarrowerQuery() {
        Map<List<String>, Long> c = centre("2024-2025", "ACTIVE", 10, "2024-2025", "ENROLLED", 2, "2023-2024", "COMPLETED", 20);
        // occupancy (ENROLLED + ACTIVE) = 12, but status [ACTIVE] alone gives 10: 2 enrolled singled out
        Tally open = rule.ofCentre(c, null, List.of("ENROLLED", "ACTIVE"));
        assertEquals(12, open.total());
        assertFalse(rule.shows(open));
        // [ACTIVE] = 10: [ACTIVE, ENROLLED] = 12 is wider by 2
        assertFalse(rule.shows(rule.ofCentre(c, null, List.of("ACTIVE"))));
        // the 2023-2024 year: 20, everything else is 12 away
        assertTrue(rule.shows(rule.ofCentre(c, "2023-2024", null)));
        // all: 32; every narrower query differs by 2, 10, 12, 20, 22, 30 or 32... and by 2 (without ENROLLED): withheld
        assertFalse(rule.shows(rule.ofCentre(c, null, null)));
        Map<List<String>, Long> d = centre("2024-2025", "ACTIVE", 10, "2024-2025", "ENROLLED", 6, "2023-2024", "COMPLETED", 20);
        assertTrue(rule.shows(rule.ofCentre(d, null, List.of("ENROLLED", "ACTIVE"))));
        assertTrue(rule.shows(rule.ofCentre(d, null, null)));
        assertTrue(rule.shows(rule.ofCentre(d, "2024-2025", List.of("ACTIVE"))));
        // a status nobody has: 0, shown
        assertEquals(0, rule.ofCentre(d, null, List.of("TRANSFERRED")).total());
        assertTrue(rule.shows(rule.ofCentre(d, null, List.of("TRANSFERRED"))));
    }

    @Test
    void aFilteredListIsComparedWithTheListWithoutEachConstraint() {
        // constraints: bit 0 centre, bit 1 sex FEMALE; masks: 0 neither, 1 centre only (men of the centre), 2 women
        // elsewhere, 3 women of the centre
        long[] counts = { 500, 3, 400, 9 };
        Tally women = rule.amongConstraints(counts, 2);
        assertEquals(9, women.total());
        assertFalse(rule.shows(women), "the centre's list (12) minus its women (9) singles out 3 men");
        long[] more = { 500, 6, 400, 9 };
        assertTrue(rule.shows(rule.amongConstraints(more, 2)));
        // one constraint: the list of the centre against everyone
        assertTrue(rule.shows(rule.amongConstraints(new long[] { 900, 12 }, 1)));
        assertFalse(rule.shows(rule.amongConstraints(new long[] { 2, 12 }, 1)), "everyone else is 2");
    }

    @Test
    void aFamilyOfFiltersListsEveryNestedQueryOnce() {
        Map<List<String>, Long> cells = centre("y1", "A", 1, "y1", "B", 2, "y2", "A", 4);
        Tally t = rule.among(cells, java.util.Arrays.asList(Set.of("y1"), Set.of("A")),
                List.of(Disclosure.Choice.ONE_OR_ALL, Disclosure.Choice.ANY_SUBSET), true);
        assertEquals(1, t.total());
        // wider: (y1, all) 3, (all, A) 5, (all, all) 7 [and the duplicates of all]; narrower: none but itself
        assertTrue(t.own().stream().map(Tally.Nested::total).toList().containsAll(List.of(3L, 5L, 7L)));
        assertFalse(t.own().stream().anyMatch(q -> q.total() == 2 || q.total() == 4 || q.total() == 6));
    }

    // ------------------------------------------------------------------ whole months

    @Test
    void ministryDatesAreWholeMonths() {
        AccessScope ministry = AccessScope.of("m", Role.MINISTRY, null, null, "r");
        rule.requireWholeMonths(ministry, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30));
        rule.requireWholeMonths(ministry, LocalDate.of(2024, 9, 1), LocalDate.of(2025, 8, 31));
        rule.requireWholeMonths(ministry, null, LocalDate.of(2024, 2, 29));
        rule.requireWholeMonths(ministry, LocalDate.of(2024, 2, 1), null);
        rule.requireWholeMonths(ministry, null, null);
        ApiException from = assertThrows(ApiException.class,
                () -> rule.requireWholeMonths(ministry, LocalDate.of(2025, 1, 2), LocalDate.of(2025, 6, 30)));
        assertEquals(ErrorCode.VALIDATION, from.code());
        assertEquals("from", from.getExtensions().get("field"));
        assertTrue(from.getMessage().contains("2025-01-01"), from.getMessage());
        ApiException to = assertThrows(ApiException.class,
                () -> rule.requireWholeMonths(ministry, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 29)));
        assertEquals("to", to.getExtensions().get("field"));
        assertTrue(to.getMessage().contains("2025-06-30"), to.getMessage());
        assertThrows(ApiException.class, () -> rule.requireWholeMonths(ministry, null, LocalDate.of(2023, 2, 28).plusDays(-1)));
    }

    @Test
    void onlyMinistryIsSubjectToTheRule() {
        assertTrue(rule.appliesTo(AccessScope.of("m", Role.MINISTRY, null, null, "r")));
        assertFalse(rule.appliesTo(AccessScope.of("a", Role.ADMIN, null, null, "r")));
        assertFalse(rule.appliesTo(AccessScope.of("o", Role.ACADEMY_OFFICER, "MS", null, "r")));
        assertFalse(rule.appliesTo(AccessScope.of("s", Role.ASSOCIATION_STAFF, null, java.util.UUID.randomUUID(), "r")));
    }

    @Test
    void monthsAreNumberedInOrder() {
        assertEquals(Disclosure.month(LocalDate.of(2024, 12, 31)) + 1, Disclosure.month(LocalDate.of(2025, 1, 1)));
        assertEquals(Disclosure.month(LocalDate.of(2025, 1, 1)), Disclosure.month(LocalDate.of(2025, 1, 31)));
    }
}
