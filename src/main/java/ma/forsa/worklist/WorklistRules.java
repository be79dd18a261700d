package ma.forsa.worklist;

import java.time.LocalDate;
import java.util.List;

import ma.forsa.outcome.OutcomeRules;

/**
 * The worklist's dates: pure functions of today and the configured windows, which the repository's SQL applies to every
 * row (docs/casework.md gives each list's membership).
 */
public final class WorklistRules {

    /** The follow-up months after exit that the worklist tracks (0, at exit, is recorded with the exit itself). */
    public static final List<Integer> FOLLOW_UP_MONTHS = OutcomeRules.FOLLOW_UP_MONTHS.stream().filter(m -> m > 0).sorted()
            .toList();

    private WorklistRules() {
    }

    /** Inclusive date bounds. */
    public record Range(LocalDate from, LocalDate to) {

        public boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    /** The windows, checked at start-up. */
    public record Windows(int followUpDays, int overdueHorizonDays, int notStartedDays, int trancheDays) {

        public Windows {
            check("follow-up-window-days", followUpDays, 45);
            check("overdue-horizon-days", overdueHorizonDays, 730);
            check("not-started-after-days", notStartedDays, 365);
            check("tranche-window-days", trancheDays, 365);
        }

        public static Windows of(WorklistConfig c) {
            return new Windows(c.followUpWindowDays(), c.overdueHorizonDays(), c.notStartedAfterDays(), c.trancheWindowDays());
        }

        private static void check(String key, int value, int max) {
            if (value < 1 || value > max) {
                throw new IllegalStateException("forsa.worklist." + key + " must be between 1 and " + max + " (got " + value + ").");
            }
        }
    }

    /** The day a follow-up is due: {@code month} months after the exit. */
    public static LocalDate dueOn(LocalDate exitedOn, int month) {
        return exitedOn.plusMonths(month);
    }

    /** The recording window of a follow-up due on {@code dueOn}: on time from dueOn - W to dueOn + W. */
    public static Range window(LocalDate dueOn, int windowDays) {
        return new Range(dueOn.minusDays(windowDays), dueOn.plusDays(windowDays));
    }

    /** Due dates of follow-ups whose window is open today (FOLLOW_UP_DUE): today - W to today + W. */
    public static Range followUpDue(LocalDate today, Windows w) {
        return new Range(today.minusDays(w.followUpDays()), today.plusDays(w.followUpDays()));
    }

    /**
     * Due dates of follow-ups whose window closed (before today) no longer ago than the horizon (FOLLOW_UP_OVERDUE): the
     * window closes on dueOn + W, so dueOn from today - W - horizon to today - W - 1.
     */
    public static Range followUpOverdue(LocalDate today, Windows w) {
        return new Range(today.minusDays(w.followUpDays() + w.overdueHorizonDays()), today.minusDays(w.followUpDays() + 1L));
    }

    /** Exit dates that may give a due date in {@code dueOn} for some tracked month (an index range, a little wider). */
    public static Range exitsFor(Range dueOn) {
        return new Range(dueOn.from().minusMonths(FOLLOW_UP_MONTHS.getLast()).minusDays(4),
                dueOn.to().minusMonths(FOLLOW_UP_MONTHS.getFirst()).plusDays(4));
    }

    /** NOT_STARTED: still ENROLLED more than N days after the enrollment date, i.e. enrolled before today - N. */
    public static LocalDate notStartedBefore(LocalDate today, Windows w) {
        return today.minusDays(w.notStartedDays());
    }

    /** The day a learner passes the maximum eligible age (turns maxAge + 1): its AGE_LIMIT due date. */
    public static LocalDate passesMaxAgeOn(LocalDate birthDate, int maxAge) {
        return birthDate.plusYears(maxAge + 1L);
    }

    /** TRANCHE_REPORT due dates: from today - horizon (still PLANNED, report late) to today + the tranche window. */
    public static Range trancheDue(LocalDate today, Windows w) {
        return new Range(today.minusDays(w.overdueHorizonDays()), today.plusDays(w.trancheDays()));
    }

    /** Whether a follow-up due on {@code dueOn} observed on {@code observedOn} was recorded on time. */
    public static boolean onTime(LocalDate dueOn, LocalDate observedOn, int windowDays) {
        return window(dueOn, windowDays).contains(observedOn);
    }
}
