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

    /**
     * A piece of SQL text with {@code ?} markers and the values they take, in order. Checked once where it is made
     * from text ({@link #of}, the constructor); fragments joined by {@link #plus} are not scanned again (a statement
     * is built of a dozen joins on every request).
     */
    public static final class Fragment {

        public static final Fragment TRUE = new Fragment("true", List.of());

        private final String text;
        private final List<Object> values;

        public Fragment(String text, List<Object> values) {
            int markers = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '?') {
                    markers++;
                }
            }
            if (markers != values.size()) {
                throw new IllegalArgumentException(markers + " markers but " + values.size() + " values in: " + text);
            }
            this.text = text;
            this.values = values.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }

        /** Two checked fragments joined: the markers still match the values. */
        private Fragment(Fragment first, Fragment second) {
            this.text = first.text.concat(second.text);
            if (first.values.isEmpty() || second.values.isEmpty()) {
                this.values = first.values.isEmpty() ? second.values : first.values;
            } else {
                List<Object> all = new ArrayList<>(first.values.size() + second.values.size());
                all.addAll(first.values);
                all.addAll(second.values);
                this.values = java.util.Collections.unmodifiableList(all);
            }
        }

        public static Fragment of(String text, Object... values) {
            return new Fragment(text, java.util.Arrays.asList(values));
        }

        public String text() {
            return text;
        }

        public List<Object> values() {
            return values;
        }

        /** This fragment with {@code other} appended (their values concatenated). */
        public Fragment plus(Fragment other) {
            return new Fragment(this, other);
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

        @Override
        public String toString() {
            return text + " " + values;
        }
    }

    private Fragment head;
    private final List<Fragment> conditions = new ArrayList<>();
    private Fragment tail = new Fragment("", List.of());
    /** The statement as built, kept until the next change: its text and its values are both asked for. */
    private Fragment built;

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

    /**
     * A list of columns of one table alias ("c.id, c.name") renamed with a prefix ("c.id AS p_id, c.name AS p_name"), for a
     * row joined to another and read back through {@link DbRow#prefixed}.
     */
    public static String prefixed(String columns, String prefix) {
        return java.util.Arrays.stream(columns.split(", ")).map(c -> c + " AS " + prefix + c.substring(c.indexOf('.') + 1))
                .collect(java.util.stream.Collectors.joining(", "));
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
        built = null;
        if (!condition.isTrue()) {
            conditions.add(condition);
        }
        return this;
    }

    /** Appends a fragment to the statement's head (before its WHERE clause). */
    public Sql plusFragment(Fragment more) {
        built = null;
        head = head.plus(more);
        return this;
    }

    /** Appends text after the WHERE clause (GROUP BY, ORDER BY, LIMIT…). */
    public Sql then(String text, Object... values) {
        built = null;
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
        if (built != null) {
            return built;
        }
        Fragment out = head;
        for (int i = 0; i < conditions.size(); i++) {
            out = out.plus(i == 0 ? WHERE : AND).plus(conditions.get(i)).plus(CLOSE);
        }
        return built = out.plus(tail);
    }

    private static final Fragment WHERE = Fragment.of(" WHERE (");
    private static final Fragment AND = Fragment.of(" AND (");
    private static final Fragment CLOSE = Fragment.of(")");

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
