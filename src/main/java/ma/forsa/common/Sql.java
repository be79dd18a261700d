package ma.forsa.common;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Builds a WHERE clause with numbered parameters ($1, $2…) for the reactive PostgreSQL client, so
 * that filters and access scope compose without string-concatenating values.
 */
public final class Sql {

    private final List<Object> params = new ArrayList<>();
    private final StringJoiner where = new StringJoiner(" AND ");
    private boolean empty = true;

    /** Adds a value and returns its placeholder. */
    public String param(Object value) {
        params.add(value);
        return "$" + params.size();
    }

    /** Adds a condition; each {@code ?} in it is replaced by the next value's placeholder. */
    public Sql and(String condition, Object... values) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < condition.length(); i++) {
            char c = condition.charAt(i);
            if (c == '?') {
                out.append(param(values[next++]));
            } else {
                out.append(c);
            }
        }
        where.add(out);
        empty = false;
        return this;
    }

    public String where() {
        return empty ? "" : " WHERE " + where;
    }

    public Tuple tuple() {
        return Tuple.from(params);
    }

    public List<Object> params() {
        return List.copyOf(params);
    }
}
