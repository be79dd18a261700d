package ma.forsa.stats;

/** The dimensions the directorate groups statistics by. */
public enum StatsDimension {
    ACADEMY, PROVINCE, CENTER, ASSOCIATION, SEX, AGE_BAND, STRAND, SCHOOL_YEAR, OUTCOME_KIND
}
