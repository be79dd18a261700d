package ma.forsa.common.db;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.PreparedStatement;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A connection of the import pool for a blocking worker thread (the bulk import: {@link Db#worker()}), on the reactive
 * client like every other path: each call waits for PostgreSQL's answer, which the connection's deadline bounds
 * ({@link ConnectionDeadline}). Never used on an event loop.
 *
 * <p>Transactions as a worker needs them: in {@linkplain #autoCommit(boolean) manual mode} (the default) the first
 * statement after a commit or a rollback begins a transaction, so a job reads as a sequence of
 * {@code statements, commit()}. Statements are prepared once per connection and kept (PostgreSQL settles on a generic
 * plan after a few executions, which spares re-planning look-ups of thousands of keys at every chunk);
 * {@link #queryPlannedEachTime} is for the one statement that must be planned for its values. Closing the connection
 * rolls back what is left open, closes its statements and hands it back to the pool.
 *
 * <p>A statement PostgreSQL refuses fails with {@link Failure} (its SQLSTATE); the transaction is then aborted and
 * must be rolled back, as with any client.
 */
public final class WorkerConnection implements AutoCloseable {

    /** A statement PostgreSQL refused, or a connection that broke while it ran. */
    public static final class Failure extends RuntimeException {
        private final String sqlState;

        Failure(String message, String sqlState, Throwable cause) {
            super(message, cause);
            this.sqlState = sqlState;
        }

        /** PostgreSQL's SQLSTATE, or null when the connection itself failed. */
        public String sqlState() {
            return sqlState;
        }
    }

    private final SqlConnection connection;
    /** Filled on the connection's event loop, read by the worker thread (statements may be in flight: {@link #send}). */
    private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();
    private boolean autoCommit;
    private boolean inTransaction;

    /** Not counted with {@link Db#statementCount()} (GraphQL's reads): the import workers poll for work at any time. */
    WorkerConnection(SqlConnection connection) {
        this.connection = connection;
    }

    /** Manual mode (false, the default): statements run in a transaction that {@link #commit} ends; true: each commits alone. */
    public void autoCommit(boolean on) {
        if (on && inTransaction) {
            commit();
        }
        autoCommit = on;
    }

    /** Runs a statement (prepared once on this connection) and returns its rows. */
    public RowSet<Row> query(Sql sql) {
        return run(() -> prepared(sql));
    }

    private Uni<RowSet<Row>> prepared(Sql sql) {
        String text = sql.reactive();
        PreparedStatement statement = prepared.get(text);
        Uni<PreparedStatement> ready = statement != null ? Uni.createFrom().item(statement)
                : connection.prepare(text).invoke(s -> prepared.put(text, s));
        return ready.chain(s -> s.query().execute(Tuple.from(sql.values())));
    }

    /** A statement sent and not yet answered ({@link #send}). */
    public static final class Sent {
        private final CompletableFuture<RowSet<Row>> answer;

        private Sent(CompletableFuture<RowSet<Row>> answer) {
            this.answer = answer;
        }

        /** Its rows changed, once PostgreSQL has answered; {@link Failure} when it refused it. */
        public int await() {
            try {
                return answer.join().rowCount();
            } catch (java.util.concurrent.CompletionException e) {
                throw failure(e.getCause() == null ? e : e.getCause());
            }
        }
    }

    /**
     * Sends a statement (prepared once on this connection, like {@link #query}) without waiting for its answer: the
     * statements sent one after the other run in that order, while the caller prepares the next one. Every statement
     * sent must be awaited ({@link #awaitAll}) before the transaction ends. Each is prepared before it is sent: the SQL of
     * two statements in flight must differ.
     */
    public Sent send(Sql sql) {
        begin();
        return new Sent(prepared(sql).subscribeAsCompletionStage());
    }

    /** Waits for every statement sent; then throws the first failure among them, if any. */
    public static void awaitAll(List<Sent> sent) {
        Failure first = null;
        for (Sent s : sent) {
            try {
                s.await();
            } catch (Failure f) {
                first = first == null ? f : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Runs a statement for its effect; the rows it changed. */
    public int update(Sql sql) {
        return query(sql).rowCount();
    }

    /**
     * Runs a statement that PostgreSQL plans for the values it is given, every time (an unnamed statement): for a
     * statement whose best plan depends on them, where a plan kept from earlier executions could be far off.
     */
    public RowSet<Row> queryPlannedEachTime(Sql sql) {
        return run(() -> connection.preparedQuery(sql.reactive()).execute(Tuple.from(sql.values())));
    }

    /** A statement without parameters, sent as is (SET LOCAL, VACUUM: what cannot be prepared). */
    public void execute(String statement) {
        run(() -> connection.query(statement).execute());
    }

    public void commit() {
        end("COMMIT");
    }

    public void rollback() {
        end("ROLLBACK");
    }

    /** Rolls back what is open, closes the prepared statements, and hands the connection back to its pool. */
    @Override
    public void close() {
        try {
            if (inTransaction) {
                rollback();
            }
            for (PreparedStatement statement : prepared.values()) {
                statement.close().await().indefinitely();
            }
        } catch (RuntimeException e) {
            // a broken connection: the pool discards it
        } finally {
            prepared.clear();
            connection.close().await().indefinitely();
        }
    }

    private void end(String command) {
        if (!inTransaction) {
            return;
        }
        inTransaction = false;
        await(connection.query(command).execute());
    }

    private RowSet<Row> run(java.util.function.Supplier<Uni<RowSet<Row>>> statement) {
        begin();
        return await(statement.get());
    }

    /** In manual mode, begins the transaction the next statement runs in, unless one is open. */
    private void begin() {
        if (!autoCommit && !inTransaction) {
            await(connection.query("BEGIN").execute());
            inTransaction = true;
        }
    }

    private static <T> T await(Uni<T> uni) {
        try {
            return uni.await().indefinitely();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private static Failure failure(Throwable e) {
        if (e instanceof Failure f) {
            return f;
        }
        if (e instanceof io.vertx.pgclient.PgException pg) {
            return new Failure(pg.getMessage(), pg.getSqlState(), pg);
        }
        return new Failure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null, e);
    }

    /** The values of a multi-row statement's arrays (helpers for workers that build them column by column). */
    public static <T> T[] array(List<?> values, Class<T> type) {
        @SuppressWarnings("unchecked")
        T[] out = (T[]) java.lang.reflect.Array.newInstance(type, values.size());
        for (int i = 0; i < out.length; i++) {
            out[i] = type.cast(values.get(i));
        }
        return out;
    }
}
