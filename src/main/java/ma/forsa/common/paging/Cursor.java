package ma.forsa.common.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import ma.forsa.common.ApiException;

/**
 * Opaque keyset cursors. A cursor carries only the id of the last row seen (never a name, a date or any
 * other sort value): the list finds that row's sort key again in SQL (see {@link Keyset}). Clients must not
 * build or parse cursors; one that does not decode is a VALIDATION error on {@code after}.
 */
public final class Cursor {

    private static final String PREFIX = "c2:";

    private Cursor() {
    }

    public static String encode(Object id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The row id a cursor of a list keyed by UUID carries. */
    public static UUID decodeUuid(String cursor) {
        try {
            return UUID.fromString(decode(cursor));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /**
     * For the plain lists that give out no cursors (they return records, not edges): {@code after} is the id of the last
     * record of the previous page, or a cursor of a connection over the same records.
     */
    public static UUID decodeIdOrCursor(String after) {
        if (after != null && after.length() == 36) {
            try {
                return UUID.fromString(after);
            } catch (IllegalArgumentException e) {
                // a cursor, then
            }
        }
        return decodeUuid(after);
    }

    /** The row id a cursor of a list keyed by a number carries. */
    public static long decodeLong(String cursor) {
        try {
            return Long.parseLong(decode(cursor));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX) && text.length() <= PREFIX.length() + 40) {
                return text.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw invalid();
    }

    static ApiException invalid() {
        return ApiException.invalid("after", "paging.cursor");
    }
}
