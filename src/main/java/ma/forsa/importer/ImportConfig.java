package ma.forsa.importer;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forsa.import.*: the bulk import's settings. */
@ConfigMapping(prefix = "forsa.import")
public interface ImportConfig {

    /** Files larger than this are refused (413) with a clear message; the HTTP limit sits above it. */
    @WithDefault("20M")
    MemorySize maxFileSize();

    /** Rows written per transaction in valid-rows mode (application.properties says why 2000). */
    @WithDefault("2000")
    int chunkSize();

    /**
     * Every so many learners created, an import committing chunk by chunk vacuums the learner table between two
     * chunks ({@code VACUUM (INDEX_CLEANUP OFF, SKIP_LOCKED) learner}, with ANALYZE each time the import has doubled
     * what it created): duplicate suspicion reads the learners born the same day from an index alone only on pages
     * marked all-visible, and plans from the table's statistics. Autovacuum would do it after a minute or more (never
     * where it is off); a database role that does not own the table gets a warning from PostgreSQL and the import goes
     * on. 0 turns it off.
     */
    @WithDefault("20000")
    int vacuumEvery();

    /** How long POST /imports waits for the import to finish before answering 202 with its id. */
    @WithDefault("PT10S")
    Duration syncWait();

    /** Imports run at the same time on one replica (worker threads; the import pool, forsa.db.import.max-size, has two connections more). */
    @WithDefault("2")
    int workers();

    /**
     * How often an idle worker looks for work handed over by other replicas (a local upload wakes it at once).
     */
    @WithDefault("PT2S")
    Duration pollInterval();

    /**
     * A RUNNING job whose heartbeat is older than this is taken over by another worker (its replica died); the
     * heartbeat beats every third of it.
     */
    @WithDefault("PT30S")
    Duration staleAfter();

    /** On shutdown, how long the workers have to finish their chunk before their jobs are handed back. */
    @WithDefault("PT10S")
    Duration shutdownGrace();

    /** Ended jobs (GET /imports/{id}) are kept this long. */
    @WithDefault("P7D")
    Duration keepFinished();

    /** How often a replica deletes ended jobs past keep-finished and files left by ended jobs. */
    @WithDefault("PT10M")
    Duration cleanupInterval();

    /**
     * The service's own folder for a running import's copy of its file (read back from the database), created
     * owner-only; never the shared system temp folder. Deleted file by file as imports end.
     */
    @WithDefault("${forsa.data-dir}/imports")
    String workDir();

    /** What a file may contain (rows, columns, cells, zip entries). */
    ImportLimits limits();

    /** Secret of the keyed hashes that recognise re-sent rows (any long random text); unset: one kept in the database. */
    Optional<String> keySecret();
}
