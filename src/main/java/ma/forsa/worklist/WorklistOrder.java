package ma.forsa.worklist;

/** Order of a worklist connection by due date (then id). */
public enum WorklistOrder {
    DUE_FIRST, DUE_LAST
}
