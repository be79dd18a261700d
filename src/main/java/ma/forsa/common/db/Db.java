package ma.forsa.common.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one gateway of Forsa's reads to PostgreSQL (see docs/adr/0001-one-data-path.md):
 * <ul>
 * <li>{@link #list}, {@link #one}, {@link #count}, {@link #execute}: on the reactive pool, outside any write
 * transaction (GraphQL reads, nested batches). Sibling resolvers of one request may run these
 * concurrently: each statement takes its own pooled connection.</li>
 * <li>{@link #analytics()}: the same reads on the analytics pool (statistics, directorate lists, exports), which reads
 * from the cluster's standbys when {@code forsa.db.read.url} is set ({@link DbPools}): what it returns may lag the
 * primary's latest commits, so reads that must see a write stay on the doors above.</li>
 * <li>{@link #listInTx}, {@link #oneInTx}, {@link #countInTx}, {@link #executeInTx}: on the connection of the
 * current Hibernate Reactive transaction (inside a service method that owns it), for reads that must see
 * the transaction's own writes or lock rows ({@code FOR UPDATE}). A write transaction never waits for a second
 * pooled connection.</li>
 * <li>{@link #worker()}: a connection of the import pool for the bulk import's blocking worker threads.</li>
 * </ul>
 * Entity writes go through Panache repositories. Every read sent here is counted, so that tests can show that nested
 * lists are batched. Every statement is bounded in time (forsa.db.*, {@link DbPools}).
 */
@ApplicationScoped
public class Db {

    private final Pool pool;
    private final AtomicLong statements = new AtomicLong();
    private final Reads primary;
    private final Reads analytics;
    private final java.time.Duration responseMargin;
    private final DbPools pools;

    @Inject
    public Db(Pool pool, DbPools pools, DbConfig config) {
        this.pool = pool;
        this.pools = pools;
        this.responseMargin = config.responseMargin();
        this.primary = new Reads(() -> pool);
        this.analytics = new Reads(pools::analytics);
    }

    // ---------------------------------------------------------------- the pool

    public Uni<RowSet<Row>> execute(Sql sql) {
        return primary.execute(sql);
    }

    /**
     * A write on a pooled connection of its own, outside any transaction (audit events that accompany reads or refusals).
     * Not counted with the reads.
     */
    public Uni<Integer> write(Sql sql) {
        return pool.preparedQuery(sql.reactive()).execute(Tuple.from(sql.values())).map(RowSet::rowCount);
    }

    /**
     * A write on the audit connection ({@link DbPools}: one connection of the reactive pool's budget kept apart), for
     * the group commit of READ_PERSONAL events, which must not wait for a pooled connection behind the reads it
     * accounts for. One statement, its own transaction. Not counted with the reads.
     */
    public Uni<Integer> groupCommit(Sql sql) {
        return pools.audit().preparedQuery(sql.reactive()).execute(Tuple.from(sql.values())).map(RowSet::rowCount);
    }

    public <T> Uni<List<T>> list(Sql sql, Function<DbRow, T> mapper) {
        return primary.list(sql, mapper);
    }

    /** The first row mapped, or null when there is none. */
    public <T> Uni<T> one(Sql sql, Function<DbRow, T> mapper) {
        return primary.one(sql, mapper);
    }

    /** The first column of the first row, as an int (a {@code count(*)}). */
    public Uni<Integer> count(Sql sql) {
        return primary.count(sql);
    }

    // ---------------------------------------------------------------- the analytics pool

    /** Reads for statistics, directorate lists and exports: {@code db.analytics().list(sql, mapper)}. */
    public Reads analytics() {
        return analytics;
    }

    /** Counted reads on one pool. */
    public final class Reads {
        private final Supplier<Pool> target;

        Reads(Supplier<Pool> target) {
            this.target = target;
        }

        public Uni<RowSet<Row>> execute(Sql sql) {
            statements.incrementAndGet();
            return Uni.createFrom().deferred(() -> target.get().preparedQuery(sql.reactive()).execute(Tuple.from(sql.values())));
        }

        public <T> Uni<List<T>> list(Sql sql, Function<DbRow, T> mapper) {
            return execute(sql).map(rows -> {
                List<T> out = new ArrayList<>(rows.size());
                DbRow.Columns columns = DbRow.columns(rows.columnsNames());
                for (Row row : rows) {
                    out.add(mapper.apply(DbRow.of(row, columns)));
                }
                return out;
            });
        }

        /** The first row mapped, or null when there is none. */
        public <T> Uni<T> one(Sql sql, Function<DbRow, T> mapper) {
            return execute(sql).map(rows -> {
                var it = rows.iterator();
                return it.hasNext() ? mapper.apply(DbRow.of(it.next(), DbRow.columns(rows.columnsNames()))) : null;
            });
        }

        /** The first column of the first row, as an int (a {@code count(*)}). */
        public Uni<Integer> count(Sql sql) {
            return execute(sql).map(rows -> {
                var it = rows.iterator();
                if (!it.hasNext()) {
                    return 0;
                }
                Object v = it.next().getValue(0);
                return v == null ? 0 : ((Number) v).intValue();
            });
        }
    }

    // ---------------------------------------------------------------- the transaction's session
    // (Hibernate's parser does not accept ?::type after a parameter: write CAST(? AS type) in these statements.)

    public <T> Uni<List<T>> listInTx(Sql sql, Function<DbRow, T> mapper) {
        statements.incrementAndGet();
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.nativeQuery(), jakarta.persistence.Tuple.class);
            List<Object> values = sql.values();
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
            return query.getResultList();
        }).map(tuples -> {
            List<T> out = new ArrayList<>(tuples.size());
            for (jakarta.persistence.Tuple t : tuples) {
                out.add(mapper.apply(DbRow.of(t)));
            }
            return out;
        });
    }

    public <T> Uni<T> oneInTx(Sql sql, Function<DbRow, T> mapper) {
        return listInTx(sql, mapper).map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** The first column of the first row as an int; the statement must name its column {@code n}. */
    public Uni<Integer> countInTx(Sql sql) {
        return oneInTx(sql, r -> r.integer("n")).map(n -> n == null ? 0 : n);
    }

    /** A statement run for its effect (locks, UPDATE…) on the transaction's connection; the rows changed. */
    public Uni<Integer> executeInTx(Sql sql) {
        statements.incrementAndGet();
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.nativeQuery());
            List<Object> values = sql.values();
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
            return query.executeUpdate();
        });
    }

    /** Statements sent since start-up (tests compare it before and after a request). */
    public long statementCount() {
        return statements.get();
    }

    // ---------------------------------------------------------------- set-based jobs

    /**
     * One transaction on a pooled connection of its own, for set-based jobs that write with SQL (retention,
     * bulk import, job claims): {@code work} runs its statements through the given {@link Connection}; the
     * transaction commits when the returned Uni succeeds and rolls back when it fails.
     */
    public <T> Uni<T> transaction(Function<Connection, Uni<T>> work) {
        return pool.withTransaction(connection -> work.apply(new Connection(connection)));
    }

    /**
     * {@link #transaction} for a set-based job whose statements may run longer than a request's (demo generation,
     * bulk rebuilds): the transaction's statements get {@code limit} as their statement_timeout, and the connection's
     * client-side deadline is lifted to the same limit (plus the response margin) until the transaction ends.
     */
    public <T> Uni<T> longTransaction(java.time.Duration limit, Function<Connection, Uni<T>> work) {
        return pool.withTransaction(connection -> {
            io.vertx.sqlclient.SqlConnection raw = (io.vertx.sqlclient.SqlConnection) connection.getDelegate();
            ConnectionDeadline.extend(raw, limit.plus(responseMargin));
            return connection.query("SET LOCAL statement_timeout = " + limit.toMillis()).execute()
                    .chain(() -> work.apply(new Connection(connection)))
                    .eventually(() -> ConnectionDeadline.extend(raw, null));
        });
    }

    /**
     * A connection of the import pool for a blocking worker thread (the bulk import), held until it is closed: see
     * {@link WorkerConnection}. Waits up to forsa.db.acquire-timeout for a free one. Never call it on an event loop.
     */
    public WorkerConnection worker() {
        try {
            return new WorkerConnection(pools.imports().getConnection().await().indefinitely());
        } catch (RuntimeException e) {
            throw new WorkerConnection.Failure("no connection to PostgreSQL: " + e.getMessage(), null, e);
        }
    }

    /** A connection inside {@link #transaction}; its statements are counted with the others. */
    public final class Connection {
        private final io.vertx.mutiny.sqlclient.SqlConnection connection;

        Connection(io.vertx.mutiny.sqlclient.SqlConnection connection) {
            this.connection = connection;
        }

        public Uni<RowSet<Row>> execute(Sql sql) {
            statements.incrementAndGet();
            return connection.preparedQuery(sql.reactive()).execute(Tuple.from(sql.values()));
        }

        public <T> Uni<List<T>> list(Sql sql, Function<DbRow, T> mapper) {
            return execute(sql).map(rows -> {
                List<T> out = new ArrayList<>(rows.size());
                DbRow.Columns columns = DbRow.columns(rows.columnsNames());
                for (Row row : rows) {
                    out.add(mapper.apply(DbRow.of(row, columns)));
                }
                return out;
            });
        }

        public Uni<Integer> update(Sql sql) {
            return execute(sql).map(RowSet::rowCount);
        }
    }
}
