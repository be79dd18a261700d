package ma.forsa.common.paging;

import ma.forsa.common.ApiException;

/**
 * {@code first} / {@code after} of a Relay connection. {@code first} defaults to {@link #DEFAULT_FIRST} and may
 * not exceed {@link #MAX_FIRST}; {@code after} is an opaque cursor made by {@link Cursor}.
 */
public record PageRequest(int first, String after) {

    public static final int DEFAULT_FIRST = 20;
    public static final int MAX_FIRST = 100;

    public static PageRequest of(Integer first, String after) {
        if (first != null && (first < 0 || first > MAX_FIRST)) {
            throw ApiException.invalid("first", "paging.first", MAX_FIRST);
        }
        if (after != null && after.length() > 200) {
            throw Cursor.invalid();
        }
        return new PageRequest(first == null ? DEFAULT_FIRST : first, after == null || after.isBlank() ? null : after);
    }

    /** Fetch one more row than asked to learn whether a next page exists. */
    public int limit() {
        return first + 1;
    }

    /**
     * {@code " LIMIT n"} with n = {@link #limit()}, written into the statement rather than bound. PostgreSQL costs a
     * {@code LIMIT $n} it cannot see as a tenth of the rows, so a page whose plan depends on its size (the learner pages
     * walk each centre's index entries and stop at n) never kept a generic plan and was planned again at every execution
     * (0.3-0.9 ms, more than it took to run; docs/performance.md). With the number in the text its plan is kept. The
     * number is an int (at most {@link #MAX_FIRST} + 1 through {@link #of}): a list gives a few statement texts, one per
     * page size its clients use.
     */
    public String limitClause() {
        return " LIMIT " + limit();
    }

    public boolean hasCursor() {
        return after != null;
    }
}
