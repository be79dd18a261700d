package ma.forsa.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key values of the last row seen, base64url-encoded. Clients must
 * not build or parse them; a cursor that does not decode is a VALIDATION error on {@code after}.
 */
public final class Cursor {

    private static final String VERSION = "c1";
    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    public static String encode(Object... keyParts) {
        StringBuilder text = new StringBuilder(VERSION);
        for (Object part : keyParts) {
            text.append(SEPARATOR).append(part == null ? "" : part.toString());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static List<String> decode(String cursor, int keyParts) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = Arrays.asList(text.split(String.valueOf(SEPARATOR), -1));
            if (parts.size() == keyParts + 1 && parts.get(0).equals(VERSION)) {
                return List.copyOf(parts.subList(1, parts.size()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw ApiException.validation("after", "after is not a cursor this list gave out: pass the endCursor of the "
                + "previous page, or omit after to start from the first page.");
    }
}
