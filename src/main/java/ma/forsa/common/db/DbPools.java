package ma.forsa.common.db;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * Forsa's connections to PostgreSQL, every one of them with deadlines ({@link DbConfig}, forsa.db.*):
 * <ul>
 * <li>the primary pool (Quarkus's reactive datasource, used by {@link Db} and Hibernate Reactive), created here as its
 * {@link PgPoolCreator};</li>
 * <li>the audit connection: one of the primary pool's {@code quarkus.datasource.reactive.max-size} connections kept
 * apart for the group commit of READ_PERSONAL events ({@link Db#groupCommit}), so that a request's audit never waits
 * for a pooled connection behind other requests' reads (the pool itself opens one connection fewer);</li>
 * <li>the analytics pool (statistics, directorate lists, exports: {@link Db#analytics()}), on {@code forsa.db.read.url}
 * (CloudNativePG's read-only service) or else on the primary, with the primary's credentials;</li>
 * <li>the import pool (the bulk import's worker threads: {@link Db#worker()}), where the primary pool goes;</li>
 * <li>the readiness connection: one connection of its own, so that /q/health/ready never waits behind a busy pool.</li>
 * </ul>
 * On every connection: a TCP connect timeout, PostgreSQL's {@code statement_timeout} sent at connection start-up, and a
 * client-side deadline (statement timeout + {@code response-margin}) after which a silent connection is closed
 * ({@link ConnectionDeadline}): a frozen server cannot enforce its statement timeout, and the request fails instead of
 * hanging. Pools also bound the wait for a free connection ({@code acquire-timeout}).
 */
@ApplicationScoped
@SuppressWarnings("deprecation") // PgPool.pool: the type Quarkus 3.33 expects of a PgPoolCreator
public class DbPools implements PgPoolCreator {

    private static final Logger LOG = Logger.getLogger(DbPools.class);

    private final DbConfig config;
    private final Instance<io.vertx.mutiny.sqlclient.Pool> primary;

    private volatile Vertx vertx;
    private volatile PgConnectOptions primaryOptions;
    private io.vertx.mutiny.sqlclient.Pool analytics;
    private io.vertx.mutiny.sqlclient.Pool imports;
    private io.vertx.mutiny.sqlclient.Pool audit;
    private Future<PgConnection> probe;

    @Inject
    public DbPools(DbConfig config, Instance<io.vertx.mutiny.sqlclient.Pool> primary) {
        this.config = config;
        this.primary = primary;
    }

    /** Refuses to start with a read URL that cannot be used, before any request depends on it. */
    void checkReadUrl(@Observes StartupEvent start) {
        config.read().url().ifPresent(DbPools::readTarget);
    }

    // ---------------------------------------------------------------- the primary pool

    @Override
    public Pool create(Input input) {
        vertx = input.vertx();
        List<PgConnectOptions> options = input.pgConnectOptionsList().stream()
                .map(o -> bounded(new PgConnectOptions(o), config.connectTimeout(), config.statementTimeout()))
                .toList();
        primaryOptions = new PgConnectOptions(options.get(0));
        PoolOptions pool = bounded(new PoolOptions(input.poolOptions()));
        if (pool.getMaxSize() < 2) {
            throw new IllegalStateException("quarkus.datasource.reactive.max-size (QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE) "
                    + "must be at least 2: one of its connections is kept for the audit of personal reads.");
        }
        pool.setMaxSize(pool.getMaxSize() - AUDIT_CONNECTIONS);
        return withDeadlines(PgPool.pool(vertx, options, pool));
    }

    // ---------------------------------------------------------------- the audit connection

    /** Taken from quarkus.datasource.reactive.max-size: the budget of the request path stays that one setting. */
    static final int AUDIT_CONNECTIONS = 1;

    /**
     * The audit connection (a pool of one, opened on first use): where the primary pool goes, with its deadlines. Only
     * one group commit is on its way at a time ({@code audit/ReadAuditBatch}), so it never waits behind reads; the
     * events of a batch that failed, retried one request at a time, wait here for each other.
     */
    synchronized io.vertx.mutiny.sqlclient.Pool audit() {
        if (audit == null) {
            PgConnectOptions options = bounded(new PgConnectOptions(primaryOptions()), config.connectTimeout(),
                    config.statementTimeout());
            options.setMetricsName("forsa-audit");
            PoolOptions pool = bounded(new PoolOptions().setMaxSize(AUDIT_CONNECTIONS).setName("forsa-audit"));
            audit = io.vertx.mutiny.sqlclient.Pool.newInstance(withDeadlines(PgPool.pool(vertx, options, pool)));
        }
        return audit;
    }

    // ---------------------------------------------------------------- the analytics pool

    /** The analytics pool, opened on first use. */
    public synchronized io.vertx.mutiny.sqlclient.Pool analytics() {
        if (analytics == null) {
            PgConnectOptions options = new PgConnectOptions(primaryOptions());
            config.read().url().ifPresent(url -> {
                PgConnectOptions target = readTarget(url);
                options.setHost(target.getHost()).setPort(target.getPort()).setDatabase(target.getDatabase());
            });
            bounded(options, config.connectTimeout(), config.read().statementTimeout()).setMetricsName("forsa-analytics");
            PoolOptions pool = bounded(new PoolOptions().setMaxSize(config.read().maxSize()).setName("forsa-analytics"));
            LOG.infof("Analytics reads go to %s:%d/%s (%s), %d connections", options.getHost(), options.getPort(),
                    options.getDatabase(), config.read().url().isPresent() ? "forsa.db.read.url" : "the primary", pool.getMaxSize());
            analytics = io.vertx.mutiny.sqlclient.Pool.newInstance(withDeadlines(PgPool.pool(vertx, options, pool)));
        }
        return analytics;
    }

    // ---------------------------------------------------------------- the import pool

    /**
     * The bulk import's pool, opened on first use: where the primary pool goes, with connections of its own (a worker
     * holds one for a whole job, which must not take them from GraphQL) and a longer statement timeout.
     */
    synchronized io.vertx.mutiny.sqlclient.Pool imports() {
        if (imports == null) {
            PgConnectOptions options = bounded(new PgConnectOptions(primaryOptions()), config.connectTimeout(),
                    config.importPool().statementTimeout());
            options.setMetricsName("forsa-import");
            // WorkerConnection prepares the statements it keeps itself; preparedQuery must stay unnamed, planned for its
            // values every time (WorkerConnection#queryPlannedEachTime), whatever the primary pool's statement cache.
            options.setCachePreparedStatements(false);
            PoolOptions pool = bounded(new PoolOptions().setMaxSize(config.importPool().maxSize()).setName("forsa-import"));
            imports = io.vertx.mutiny.sqlclient.Pool.newInstance(withDeadlines(PgPool.pool(vertx, options, pool)));
        }
        return imports;
    }

    /** Host, port and database of a read URL; it must be a PostgreSQL URL without credentials. */
    static PgConnectOptions readTarget(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("forsa.db.read.url (FORSA_DB_READ_URL) is not a URL: give postgresql://HOST:PORT/DATABASE.");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()) || uri.getHost() == null
                || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalStateException("forsa.db.read.url (FORSA_DB_READ_URL) must look like postgresql://HOST:PORT/DATABASE.");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalStateException("forsa.db.read.url (FORSA_DB_READ_URL) must not carry a user or password: "
                    + "the read pool uses the primary's credentials (QUARKUS_DATASOURCE_USERNAME / _PASSWORD).");
        }
        return PgConnectOptions.fromUri(url.strip());
    }

    // ---------------------------------------------------------------- readiness

    /**
     * {@code SELECT 1} on the readiness connection (opened on demand, kept between checks), completing within
     * {@code readiness-timeout} or failing. A connection that misses the deadline is closed and replaced at the next
     * check; while one is still being opened, a check does not open a second one.
     */
    public Uni<Void> ping() {
        Duration deadline = config.readinessTimeout();
        return Uni.createFrom().emitter(emitter -> {
            Future<PgConnection> connection = probeConnection();
            AtomicBoolean settled = new AtomicBoolean();
            long timer = vertx.setTimer(deadline.toMillis(), id -> {
                if (settled.compareAndSet(false, true)) {
                    discard(connection);
                    emitter.fail(new TimeoutException("PostgreSQL did not answer within " + deadline.toMillis() + " ms"));
                }
            });
            connection.compose(c -> c.query("SELECT 1").execute()).onComplete(result -> {
                if (settled.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    if (result.succeeded()) {
                        emitter.complete(null);
                    } else {
                        discard(connection);
                        emitter.fail(result.cause());
                    }
                }
            });
        });
    }

    private synchronized Future<PgConnection> probeConnection() {
        if (probe != null && !probe.failed()) {
            return probe;
        }
        PgConnectOptions options = bounded(new PgConnectOptions(primaryOptions()), config.readinessTimeout(),
                config.readinessTimeout());
        options.setMetricsName("forsa-readiness");
        Future<PgConnection> opening = PgConnection.connect(vertx, options);
        opening.onSuccess(c -> {
            ConnectionDeadline.install(c);
            c.closeHandler(v -> forget(opening));
        });
        probe = opening;
        return opening;
    }

    private synchronized void forget(Future<PgConnection> connection) {
        if (probe == connection) {
            probe = null;
        }
    }

    /** Closes a readiness connection that failed or missed its deadline (now, or once it is open). */
    private void discard(Future<PgConnection> connection) {
        forget(connection);
        connection.onSuccess(ConnectionDeadline::closeNow);
    }

    // ---------------------------------------------------------------- notifications

    /**
     * The options of the LISTEN connection ({@link Notifications}): the primary's, with the connect timeout but no read
     * deadline (a listening connection is silent by design; TCP keep-alive notices a dead peer) and no statement timeout
     * to speak of (it only runs LISTEN).
     */
    PgConnectOptions listenerOptions() {
        PgConnectOptions options = bounded(new PgConnectOptions(primaryOptions()), config.connectTimeout(), config.statementTimeout());
        options.setReadIdleTimeout(0);
        options.setTcpKeepAlive(true);
        options.setMetricsName("forsa-listener");
        return options;
    }

    Vertx vertx() {
        primaryOptions();
        return vertx;
    }

    // ---------------------------------------------------------------- options

    private PgConnectOptions primaryOptions() {
        if (primaryOptions == null) {
            primary.get().getDelegate(); // creating the primary pool (create above) records its options
        }
        if (primaryOptions == null) {
            throw new IllegalStateException("The reactive pool was not created by DbPools");
        }
        return primaryOptions;
    }

    private PgConnectOptions bounded(PgConnectOptions options, Duration connect, Duration statement) {
        Map<String, String> properties = new HashMap<>(options.getProperties());
        properties.put("statement_timeout", Long.toString(statement.toMillis()));
        // a transaction left idle (holding its locks) for as long is ended by the server
        properties.put("idle_in_transaction_session_timeout", Long.toString(statement.plus(config.responseMargin()).toMillis()));
        options.setProperties(properties);
        options.setConnectTimeout(millis(connect));
        options.setReadIdleTimeout(millis(statement.plus(config.responseMargin())));
        options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        return options;
    }

    /** Every new connection of the pool closes when PostgreSQL stays silent past its deadline ({@link ConnectionDeadline}). */
    private static PgPool withDeadlines(PgPool pool) {
        pool.connectHandler(connection -> {
            ConnectionDeadline.install(connection);
            connection.close(); // hands it to the pool
        });
        return pool;
    }

    private PoolOptions bounded(PoolOptions pool) {
        return pool.setConnectionTimeout(millis(config.acquireTimeout())).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(millis(config.idleTimeout())).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    @PreDestroy
    synchronized void close() {
        if (analytics != null) {
            analytics.close().subscribe().with(v -> { }, e -> { });
        }
        if (imports != null) {
            imports.close().subscribe().with(v -> { }, e -> { });
        }
        if (audit != null) {
            audit.close().subscribe().with(v -> { }, e -> { });
        }
        if (probe != null) {
            probe.onSuccess(ConnectionDeadline::closeNow);
        }
    }
}
