package ma.forsa.worklist;

/** Rows of the follow-up completion view: one per academy, or one per association (with its academy). */
public enum FollowUpGroup {
    ACADEMY, ASSOCIATION
}
