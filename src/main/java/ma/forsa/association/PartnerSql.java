package ma.forsa.association;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reactive SQL reads of the partner side (associations, agreements, centres). Every statement
 * goes through here and is counted, so that a test can prove nested fields are batched: the count
 * for a page of 50 must equal the count for a page of 5.
 */
@ApplicationScoped
public class PartnerSql {

    private final Pool pool;
    private final AtomicLong statements = new AtomicLong();

    @Inject
    public PartnerSql(Pool pool) {
        this.pool = pool;
    }

    public Uni<RowSet<Row>> execute(String sql, Tuple params) {
        statements.incrementAndGet();
        return pool.preparedQuery(sql).execute(params);
    }

    public <T> Uni<List<T>> list(String sql, Tuple params, Function<Row, T> mapper) {
        return execute(sql, params).map(rows -> {
            List<T> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                out.add(mapper.apply(row));
            }
            return out;
        });
    }

    public <T> Uni<T> one(String sql, Tuple params, Function<Row, T> mapper) {
        return list(sql, params, mapper).map(l -> l.isEmpty() ? null : l.get(0));
    }

    public Uni<Integer> count(String sql, Tuple params) {
        return execute(sql, params).map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    /** Statements run so far (for tests that count them). */
    public long statementCount() {
        return statements.get();
    }
}
