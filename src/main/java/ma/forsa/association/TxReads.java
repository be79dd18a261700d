package ma.forsa.association;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.Sql;

/**
 * Reads made inside a write transaction go through that transaction's own connection (the
 * Hibernate Reactive session), never through the Pool: a transaction that waited for a second pool
 * connection would deadlock once every connection is held by such transactions.
 */
public final class TxReads {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    private TxReads() {
    }

    /** Rows of two or more columns; {@code sql} uses the $n placeholders of {@link Sql}. */
    public static Uni<List<Object[]>> rows(String sql, List<Object> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(ordinal(sql), Object[].class);
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query.getResultList();
        });
    }

    public static Uni<Long> count(String sql, List<Object> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(ordinal(sql), Long.class);
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query.getSingleResult();
        });
    }

    private static String ordinal(String sql) {
        Matcher m = PLACEHOLDER.matcher(sql);
        return m.replaceAll("?$1");
    }
}
