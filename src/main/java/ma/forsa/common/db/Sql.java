package ma.forsa.common.db;

import java.util.ArrayList;
import java.util.List;

/**
 * One SQL statement and its parameters, built from fragments whose {@code ?} markers take values in order.
 * It renders for both doors of {@link Db}: {@code $1, $2…} for the reactive PostgreSQL client and
 * {@code ?1, ?2…} for native queries on the transaction's Hibernate Reactive session. SQL text given to it
 * never contains a literal {@code ?} (PostgreSQL's jsonb {@code ?} operators are not used).
 *
 * <pre>{@code
 * Sql sql = Sql.select("SELECT " + Center.COLUMNS + " FROM center c")
 *         .where(ScopeSql.centers(scope, "c"))
 *         .where("c.status = ANY(?)", (Object) statuses)
 *         .then(" ORDER BY c.code, c.id LIMIT ?", limit);
 * }</pre>
 */
public final class Sql {

    /** A piece of SQL text with {@code ?} markers and the values they take, in order. */
    public record Fragment(String text, List<Object> values) {

        public static final Fragment TRUE = new Fragment("true", List.of());

        public Fragment {
            int markers = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '?') {
                    markers++;
                }
            }
            if (markers != values.size()) {
                throw new IllegalArgumentException(markers + " markers but " + values.size() + " values in: " + text);
            }
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }

        public static Fragment of(String text, Object... values) {
            return new Fragment(text, java.util.Arrays.asList(values));
        }

        /** This fragment with {@code other} appended (their values concatenated). */
        public Fragment plus(Fragment other) {
            List<Object> all = new ArrayList<>(values);
            all.addAll(other.values);
            return new Fragment(text + other.text, all);
        }

        public Fragment plus(String text, Object... values) {
            return plus(of(text, values));
        }

        /** {@code (this) AND (other)}. */
        public Fragment and(Fragment other) {
            return wrap("(").plus(this).plus(") AND (").plus(other).plus(")");
        }

        /** {@code (this) OR (other)}. */
        public Fragment or(Fragment other) {
            return wrap("(").plus(this).plus(") OR (").plus(other).plus(")");
        }

        private static Fragment wrap(String text) {
            return new Fragment(text, List.of());
        }

        public boolean isTrue() {
            return this == TRUE;
        }
    }

    private Fragment head;
    private final List<Fragment> conditions = new ArrayList<>();
    private Fragment tail = new Fragment("", List.of());

    private Sql(Fragment head) {
        this.head = head;
    }

    /** The statement up to its WHERE clause (which {@link #where} builds). */
    public static Sql select(String text, Object... values) {
        return new Sql(Fragment.of(text, values));
    }

    public static Sql select(Fragment head) {
        return new Sql(head);
    }

    /** A whole statement (no WHERE clause built by this class). */
    public static Sql of(String text, Object... values) {
        return new Sql(Fragment.of(text, values));
    }

    /** Adds a condition to the WHERE clause (conditions are joined with AND). */
    public Sql where(String condition, Object... values) {
        return where(Fragment.of(condition, values));
    }

    public Sql where(Fragment condition) {
        if (!condition.isTrue()) {
            conditions.add(condition);
        }
        return this;
    }

    /** Appends a fragment to the statement's head (before its WHERE clause). */
    public Sql plusFragment(Fragment more) {
        head = head.plus(more);
        return this;
    }

    /** Appends text after the WHERE clause (GROUP BY, ORDER BY, LIMIT…). */
    public Sql then(String text, Object... values) {
        tail = tail.plus(Fragment.of(text, values));
        return this;
    }

    /** A copy that can be extended separately (e.g. the page and the count of one list). */
    public Sql copy() {
        Sql copy = new Sql(head);
        copy.conditions.addAll(conditions);
        copy.tail = tail;
        return copy;
    }

    /** The statement as one fragment (to nest it in another statement). */
    public Fragment fragment() {
        Fragment out = head;
        for (int i = 0; i < conditions.size(); i++) {
            out = out.plus(i == 0 ? " WHERE (" : " AND (").plus(conditions.get(i)).plus(")");
        }
        return out.plus(tail);
    }

    /** The values in placeholder order. */
    public List<Object> values() {
        return fragment().values();
    }

    /** For the reactive client: {@code $1, $2…}. */
    public String reactive() {
        return render('$');
    }

    /** For Hibernate Reactive native queries: {@code ?1, ?2…}. */
    public String nativeQuery() {
        return render('?');
    }

    private String render(char prefix) {
        String text = fragment().text();
        StringBuilder out = new StringBuilder(text.length() + 16);
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?') {
                out.append(prefix).append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return reactive();
    }
}
