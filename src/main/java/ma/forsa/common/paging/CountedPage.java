package ma.forsa.common.paging;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.DbRow;
import ma.forsa.common.db.Sql;

/**
 * A page's rows and how many rows its whole list holds (0 when the count was not asked for). A list that can count
 * itself cheaply reads both in one statement: the count is a scalar sub-select among the page's columns
 * ({@link #column}), which PostgreSQL runs once, so one statement and one connection serve the page and its
 * {@code totalCount}, both from one snapshot. A page past the end of its list has no row to carry the count: it is
 * counted apart ({@link #read}).
 */
public record CountedPage<T>(List<T> rows, int total) {

    /** The column carrying the list's count in a counted page's rows. */
    static final String TOTAL = "list_total";

    /** {@code , (count) AS list_total}, to follow a page's columns; {@code count} is a statement yielding one number. */
    public static Sql.Fragment column(Sql.Fragment count) {
        return Sql.Fragment.of(", (").plus(count).plus(") AS " + TOTAL);
    }

    /**
     * The rows of a counted page's statement ({@code sql}, whose columns end with {@link #column}), each mapped by
     * {@code mapper}. An empty page is an empty list when it is the first one; past the end of a list (a cursor, no
     * row) the count is {@code apart}'s.
     */
    public static <T> Uni<CountedPage<T>> read(Db db, Sql sql, Function<DbRow, T> mapper, PageRequest page,
            Supplier<Uni<Integer>> apart) {
        return db.list(sql, r -> new Counted<>(mapper.apply(r), r.count(TOTAL))).chain(found -> {
            if (found.isEmpty()) {
                return page.hasCursor() ? apart.get().map(n -> new CountedPage<T>(List.of(), n))
                        : Uni.createFrom().item(new CountedPage<T>(List.of(), 0));
            }
            return Uni.createFrom().item(new CountedPage<>(found.stream().map(Counted::row).toList(), found.get(0).total()));
        });
    }

    /** The same page with each row turned into another. */
    public <R> CountedPage<R> map(Function<T, R> f) {
        return new CountedPage<>(rows.stream().map(f).toList(), total);
    }

    private record Counted<T>(T row, int total) {
    }
}
