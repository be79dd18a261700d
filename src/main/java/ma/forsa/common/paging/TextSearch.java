package ma.forsa.common.paging;

import java.util.Locale;

import ma.forsa.common.Inputs;
import ma.forsa.common.db.Sql;

/**
 * Free-text filters of lists ({@code filter.search}): at most {@link #MAX_LENGTH} characters (the GraphQL endpoint
 * refuses longer ones before anything runs), case ignored, matched as a substring of the named columns. LIKE's
 * wildcards in the text are taken literally.
 */
public final class TextSearch {

    public static final int MAX_LENGTH = 100;

    private TextSearch() {
    }

    /** {@code (col1 ILIKE ? OR col2 ILIKE ?)} for the search text, or {@link Sql.Fragment#TRUE} when there is none. */
    public static Sql.Fragment matching(String search, String... columns) {
        String text = Inputs.optional("search", search, MAX_LENGTH);
        if (text == null) {
            return Sql.Fragment.TRUE;
        }
        String pattern = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        Sql.Fragment out = null;
        for (String column : columns) {
            Sql.Fragment one = Sql.Fragment.of(column + " ILIKE ?", pattern);
            out = out == null ? one : out.or(one);
        }
        return Sql.Fragment.of("(").plus(out).plus(")");
    }
}
