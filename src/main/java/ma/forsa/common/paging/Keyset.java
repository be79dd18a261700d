package ma.forsa.common.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import ma.forsa.common.db.Sql;

/**
 * The one keyset pager of Forsa's lists. A list is ordered by a sort expression then its id, both on one
 * table alias; a cursor carries the id of the last row seen, and the next page starts after the row whose
 * (sort, id) that row has, found again with a sub-select on the same table:
 * {@code (c.code, c.id) > (SELECT c.code, c.id FROM center c WHERE c.id = $n)}.
 */
public record Keyset(String table, String alias, String sort, boolean descending) {

    /** Ascending by {@code sort} then id, e.g. {@code Keyset.ascending("center", "c", "c.code")}. */
    public static Keyset ascending(String table, String alias, String sort) {
        return new Keyset(table, alias, sort, false);
    }

    public static Keyset descending(String table, String alias, String sort) {
        return new Keyset(table, alias, sort, true);
    }

    private String id() {
        return alias + ".id";
    }

    /** The condition that starts a page after the cursor's row (UUID ids). */
    public Sql.Fragment after(String cursor) {
        return Sql.Fragment.of("(" + sort + ", " + id() + ") " + (descending ? "<" : ">") + " (SELECT " + sort + ", " + id()
                + " FROM " + table + " " + alias + " WHERE " + id() + " = ?)", Cursor.decodeUuid(cursor));
    }

    /** {@code ORDER BY sort, id} in the list's direction. */
    public String orderBy() {
        String dir = descending ? " DESC" : "";
        return " ORDER BY " + sort + dir + ", " + id() + dir;
    }

    /** Adds the cursor condition (when given), the order and the limit of one page to {@code sql}. */
    public Sql page(Sql sql, PageRequest page) {
        if (page.hasCursor()) {
            sql.where(after(page.after()));
        }
        return sql.then(orderBy() + page.limitClause());
    }

    /** The rows of one page turned into edges, and whether more follow. */
    public static <R, E> Page<E> edges(List<R> rows, PageRequest page, Function<R, Object> id,
            BiFunction<String, R, E> edge) {
        return edges(rows.subList(0, Math.min(rows.size(), page.first())), rows.size() > page.first(), id, edge);
    }

    /** Rows already cut to the page, and whether more follow. */
    public static <R, E> Page<E> edges(List<R> rows, boolean more, Function<R, Object> id, BiFunction<String, R, E> edge) {
        List<E> edges = new ArrayList<>(rows.size());
        String end = null;
        for (int i = 0; i < rows.size(); i++) {
            R row = rows.get(i);
            end = Cursor.encode(id.apply(row));
            edges.add(edge.apply(end, row));
        }
        return new Page<>(edges, new PageInfo(more, end));
    }

    /** One page of edges and its page info. */
    public record Page<E>(List<E> edges, PageInfo info) {
    }
}
