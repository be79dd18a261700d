package ma.forsa.worklist;

/** The lists of the follow-up worklist (docs/casework.md, "Follow-up worklist"). */
public enum WorklistKind {
    /** Outcome follow-ups (3, 6, 12 months after exit) whose recording window is open today. */
    FOLLOW_UP_DUE,
    /** Outcome follow-ups whose window closed without an outcome (within the overdue horizon). */
    FOLLOW_UP_OVERDUE,
    /** Enrollments still ENROLLED more than forsa.worklist.not-started-after-days after their enrollment date. */
    NOT_STARTED,
    /** Open enrollments of learners who pass the maximum eligible age before the end of their school year. */
    AGE_LIMIT,
    /** PLANNED tranches with a condition (a report to send) due within the tranche window. */
    TRANCHE_REPORT
}
