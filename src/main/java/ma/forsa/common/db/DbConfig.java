package ma.forsa.common.db;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * forsa.db.*: how long Forsa waits for PostgreSQL, and where the analytics reads go. Every wait is bounded, so that
 * a database that is stopped, unreachable or frozen makes requests fail within these deadlines instead of hanging
 * (see {@link DbPools}).
 */
@ConfigMapping(prefix = "forsa.db")
public interface DbConfig {

    /** Opening a TCP connection to PostgreSQL (reactive pools, the readiness connection, Flyway's JDBC connections). */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Waiting for a free connection of a pool (all of them busy, or being opened) before the request fails. */
    @WithDefault("5s")
    Duration acquireTimeout();

    /**
     * A pooled connection unused this long is closed (reopened on demand). Long: a reopened connection costs a new
     * PostgreSQL backend (cold catalog caches) and every statement prepared again, ~250 ms for the first requests after a
     * pause when it was 10 s (docs/performance.md). The connection budget already counts every pool full.
     */
    @WithDefault("10m")
    Duration idleTimeout();

    /** PostgreSQL's {@code statement_timeout} on the primary pool's connections (GraphQL, writes, jobs). */
    @WithDefault("15s")
    Duration statementTimeout();

    /**
     * How long past a pool's statement timeout the client still waits for PostgreSQL to say anything before it closes
     * the connection: a frozen server or a dead network cannot enforce statement_timeout, the client does (only while a
     * statement waits for its answer). A transaction left idle for that long is ended by PostgreSQL
     * (idle_in_transaction_session_timeout).
     */
    @WithDefault("5s")
    Duration responseMargin();

    /** The readiness check's deadline: past it, /q/health/ready answers DOWN (the probe's timeoutSeconds is longer). */
    @WithDefault("2s")
    Duration readinessTimeout();

    /** The analytics reads (statistics, directorate lists, exports). */
    Read read();

    /** Flyway's JDBC connections, at start-up. */
    Migration migration();

    /** The bulk import's pool (its worker threads, uploads, heartbeats). */
    @io.smallrye.config.WithName("import")
    Import importPool();

    interface Read {
        /**
         * A reactive PostgreSQL URL (postgresql://HOST:PORT/DATABASE, without credentials: the primary's are used), e.g.
         * CloudNativePG's read-only service. Unset: the analytics pool goes to the primary.
         */
        Optional<String> url();

        /** Connections of the analytics pool. */
        @WithDefault("8")
        int maxSize();

        /** PostgreSQL's {@code statement_timeout} on the analytics pool (exports and statistics scan more rows). */
        @WithDefault("60s")
        Duration statementTimeout();
    }

    interface Import {
        /**
         * Connections of the import pool: one per import worker (forsa.import.workers), held while it runs a job, plus
         * one for storing uploads and one for heartbeats and clean-up.
         */
        @WithDefault("4")
        int maxSize();

        /** PostgreSQL's {@code statement_timeout} there (a chunk's writes, the VACUUM between chunks). */
        @WithDefault("60s")
        Duration statementTimeout();
    }

    interface Migration {
        /** PostgreSQL's {@code statement_timeout} on Flyway's connections (a migration may rewrite a large table). */
        @WithDefault("15m")
        Duration statementTimeout();
    }
}
