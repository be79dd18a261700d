package ma.forsa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Breakdown} with hand-made atoms: the nested queries it names for each figure (filters, grouping dimensions,
 * months around the range), masked dimensions, its size limit. The pipeline against every pair of allowed queries is
 * stats/DifferencingTest (statistics) and worklist/CompletionTableTest (follow-up completion).
 */
@Tag("unit")
class BreakdownTest {

    static final Disclosure RULE = new Disclosure(5);
    static final int BASE = Disclosure.month(LocalDate.of(2025, 1, 1));
    static final List<String> STRANDS = List.of("EDUCATIONAL", "PRE_VOCATIONAL", "LIFE_SKILLS");

    @Test
    void aStrandMaskCountsOnceWithoutTheStrandDimension() {
        // dimensions: STRAND; masks 1 (EDUCATIONAL) x 6, 3 (EDUCATIONAL + PRE_VOCATIONAL) x 7, 4 (LIFE_SKILLS) x 9
        List<Breakdown.Atom> atoms = List.of(new Breakdown.Atom(List.of("1"), 0, 0, new long[] { 6, 6, 0, 0, 0 }),
                new Breakdown.Atom(List.of("3"), 0, 0, new long[] { 7, 7, 0, 0, 0 }),
                new Breakdown.Atom(List.of("4"), 0, 0, new long[] { 9, 9, 0, 0, 0 }));
        List<Breakdown.Cell> cells = Breakdown.cells(1, new Breakdown.Masked(0, STRANDS), 0, Tally.NO_MONTH_BEFORE, Tally.NO_MONTH_AFTER, atoms);
        assertEquals(List.of(List.of("EDUCATIONAL"), List.of("LIFE_SKILLS"), List.of("PRE_VOCATIONAL")),
                cells.stream().map(Breakdown.Cell::keys).toList());
        assertEquals(List.of(13L, 9L, 7L), cells.stream().map(Breakdown.Cell::enrolled).toList());
        // the table without STRAND counts 22 enrollments (not 29)
        assertEquals(List.of(22L), cells.get(0).figures().enrolled().own().stream().map(Tally.Nested::total).toList());
    }

    @Test
    void aBreakdownTooDetailedToCheckIsRefusedBeforeItGrows() {
        List<Breakdown.Atom> atoms = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            atoms.add(new Breakdown.Atom(List.of("C" + i, "FEMALE"), 0, 0, new long[] { 5, 5, 0, 0, 0 }));
        }
        // 50 cells + 50 centres + 1 sex + the total: 102 accumulators
        assertEquals(50, Breakdown.cells(2, Breakdown.Masked.NONE, 0, Tally.NO_MONTH_BEFORE, Tally.NO_MONTH_AFTER, atoms, 102).size());
        assertThrows(Breakdown.TooDetailed.class,
                () -> Breakdown.cells(2, Breakdown.Masked.NONE, 0, Tally.NO_MONTH_BEFORE, Tally.NO_MONTH_AFTER, atoms, 101));
    }

    @Test
    void theTallyOfACellNamesEveryNestedQuery() {
        // two dimensions, one filter: 2 variants of the filter; 3 smaller groupings x 2 variants
        List<Breakdown.Atom> atoms = List.of(new Breakdown.Atom(List.of("MS", "FEMALE"), BASE, 1, new long[] { 7, 7, 0, 0, 0 }),
                new Breakdown.Atom(List.of("MS", "FEMALE"), BASE + 2, 0, new long[] { 3, 3, 0, 0, 0 }),
                new Breakdown.Atom(List.of("MS", "MALE"), BASE + 1, 1, new long[] { 9, 9, 0, 0, 0 }),
                new Breakdown.Atom(List.of("CS", "FEMALE"), BASE - 1, 1, new long[] { 4, 4, 0, 0, 0 }));
        List<Breakdown.Cell> cells = Breakdown.cells(2, Breakdown.Masked.NONE, 1, BASE, BASE + 1, atoms);
        assertEquals(List.of(List.of("MS", "FEMALE"), List.of("MS", "MALE")), cells.stream().map(Breakdown.Cell::keys).toList());
        Tally msFemale = cells.get(0).figures().enrolled();
        assertEquals(7, msFemale.total());
        // itself (nothing around the range with the filter) and without the filter (3 just after the range)
        assertEquals(new Tally.Nested(7, Tally.NO_MONTH_BEFORE, 0, Tally.NO_MONTH_AFTER, 0), msFemale.summable().get(0));
        assertEquals(new Tally.Nested(7, Tally.NO_MONTH_BEFORE, 0, BASE + 2, 3), msFemale.summable().get(1));
        assertEquals(6, msFemale.own().size());
        assertFalse(RULE.shows(msFemale), "3 enrollments of the next month single them out");
        // the cell CS FEMALE has nothing in the range (its 4 are the month before): not a row of the answer
        assertEquals(2, cells.size());
    }

    @Test
    void aFigureOfARangeKnowsTheNearestMonthsOnEachSide() {
        List<Breakdown.Atom> atoms = List.of(new Breakdown.Atom(List.of("MS"), BASE - 3, 0, new long[] { 2, 0, 2, 0, 0 }),
                new Breakdown.Atom(List.of("MS"), BASE - 1, 0, new long[] { 1, 0, 1, 0, 0 }),
                new Breakdown.Atom(List.of("MS"), BASE, 0, new long[] { 8, 0, 6, 2, 0 }),
                new Breakdown.Atom(List.of("MS"), BASE + 4, 0, new long[] { 6, 0, 6, 0, 0 }));
        Breakdown.Cell ms = Breakdown.cells(1, Breakdown.Masked.NONE, 0, BASE, BASE + 2, atoms).get(0);
        assertEquals(new Tally.Nested(8, BASE - 1, 1, BASE + 4, 6), ms.figures().enrolled().summable().get(0));
        assertEquals(new Tally.Nested(6, BASE - 1, 1, BASE + 4, 6), ms.figures().completed().summable().get(0));
        assertEquals(2, ms.figures().droppedOut().total());
        assertFalse(RULE.shows(ms.figures().enrolled()), "the month before holds 1");
        // undated: every month counts, nothing around
        Breakdown.Cell all = Breakdown.cells(1, Breakdown.Masked.NONE, 0, Tally.NO_MONTH_BEFORE, Tally.NO_MONTH_AFTER, atoms)
                .get(0);
        assertEquals(17, all.enrolled());
        assertEquals(Tally.Nested.of(17), all.figures().enrolled().summable().get(0));
    }
}
