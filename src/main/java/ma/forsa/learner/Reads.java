package ma.forsa.learner;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one door through which the learner registry's reads reach the database (reactive SQL client).
 * It counts the statements it sends, so that tests can show that nested lists are batched (a page
 * of 50 costs as many statements as a page of 5).
 */
@ApplicationScoped
public class Reads {

    private final Pool pool;
    private final AtomicLong statements = new AtomicLong();

    @Inject
    public Reads(Pool pool) {
        this.pool = pool;
    }

    public Uni<RowSet<Row>> query(String sql, Tuple params) {
        statements.incrementAndGet();
        return pool.preparedQuery(sql).execute(params);
    }

    /** Statements sent since start-up. */
    public long statements() {
        return statements.get();
    }
}
