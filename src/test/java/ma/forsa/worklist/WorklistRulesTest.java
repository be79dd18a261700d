package ma.forsa.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The worklist's dates, at their edges (plain JUnit). */
class WorklistRulesTest {

    static final WorklistRules.Windows W = new WorklistRules.Windows(30, 365, 14, 30);
    static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @Test
    void followUpsAreDueWhileTheirWindowIsOpenThenOverdueForTheHorizon() {
        WorklistRules.Range due = WorklistRules.followUpDue(TODAY, W);
        assertTrue(due.contains(TODAY.plusDays(30)));
        assertFalse(due.contains(TODAY.plusDays(31)));
        assertTrue(due.contains(TODAY.minusDays(30)));
        assertFalse(due.contains(TODAY.minusDays(31)));
        WorklistRules.Range overdue = WorklistRules.followUpOverdue(TODAY, W);
        assertTrue(overdue.contains(TODAY.minusDays(31)));
        assertFalse(overdue.contains(TODAY.minusDays(30)));
        assertTrue(overdue.contains(TODAY.minusDays(30 + 365)));
        assertFalse(overdue.contains(TODAY.minusDays(30 + 366)));
        assertEquals(List.of(3, 6, 12), WorklistRules.FOLLOW_UP_MONTHS);
        assertEquals(LocalDate.of(2026, 2, 28), WorklistRules.dueOn(LocalDate.of(2025, 11, 30), 3));
        assertTrue(WorklistRules.onTime(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 30), 30));
        assertFalse(WorklistRules.onTime(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31), 30));
    }

    @Test
    void theExitRangeCoversEveryDueDateOfTheTrackedMonths() {
        WorklistRules.Range due = new WorklistRules.Range(LocalDate.of(2026, 5, 29), LocalDate.of(2026, 5, 31));
        WorklistRules.Range exits = WorklistRules.exitsFor(due);
        for (LocalDate exit = LocalDate.of(2025, 1, 1); exit.isBefore(LocalDate.of(2026, 12, 31)); exit = exit.plusDays(1)) {
            for (int month : WorklistRules.FOLLOW_UP_MONTHS) {
                if (due.contains(WorklistRules.dueOn(exit, month))) {
                    assertTrue(exits.contains(exit), exit + " + " + month);
                }
            }
        }
    }

    @Test
    void otherListsAndTheirSettings() {
        assertEquals(LocalDate.of(2026, 3, 1), WorklistRules.notStartedBefore(TODAY, W));
        assertEquals(LocalDate.of(2031, 2, 28), WorklistRules.passesMaxAgeOn(LocalDate.of(2008, 2, 29), 22));
        WorklistRules.Range tranches = WorklistRules.trancheDue(TODAY, W);
        assertTrue(tranches.contains(TODAY.plusDays(30)));
        assertFalse(tranches.contains(TODAY.plusDays(31)));
        assertThrows(IllegalStateException.class, () -> new WorklistRules.Windows(46, 365, 14, 30));
        assertThrows(IllegalStateException.class, () -> new WorklistRules.Windows(30, 0, 14, 30));
    }
}
