package ma.forsa.common;

import java.util.List;

/**
 * {@code first} / {@code after} of a Relay connection. {@code first} defaults to 20 and is capped at
 * {@link #MAX_FIRST}; {@code after} is an opaque keyset cursor made by {@link Cursor}.
 */
public record PageRequest(int first, List<String> after) {

    public static final int DEFAULT_FIRST = 20;
    public static final int MAX_FIRST = 100;

    /** @param keyParts how many values the cursors of this connection carry */
    public static PageRequest of(Integer first, String after, int keyParts) {
        if (first != null && first < 0) {
            throw ApiException.validation("first", "first must be 0 or more (at most " + MAX_FIRST + " are returned).");
        }
        int size = first == null ? DEFAULT_FIRST : Math.min(first, MAX_FIRST);
        return new PageRequest(size, after == null || after.isEmpty() ? null : Cursor.decode(after, keyParts));
    }

    /** Fetch one more row than asked to learn whether a next page exists. */
    public int limit() {
        return first + 1;
    }

    public boolean hasCursor() {
        return after != null;
    }
}
