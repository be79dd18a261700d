package ma.forsa.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import ma.forsa.common.db.Sql;
import ma.forsa.common.db.WorkerConnection;
import ma.forsa.security.Role;

/**
 * The SQL of the import jobs ({@code import_job}, {@code import_file_chunk}), on the import pool's connections
 * ({@link WorkerConnection}). Every write of a running job is fenced by its claim: a worker whose job was taken over
 * (its heartbeat went stale) changes nothing and rolls back.
 */
final class ImportJobs {

    /** Bytes per row of import_file_chunk. */
    static final int FILE_CHUNK = 1 << 20;

    static final String SELECT_JOB = "SELECT to_jsonb(j)::text AS job FROM import_job j WHERE id = ?";

    private ImportJobs() {
    }

    /** A new PENDING job with its file, in the caller's transaction. */
    static void insert(WorkerConnection c, ImportJob job, long size, InputStream file) throws IOException {
        c.update(Sql.of("INSERT INTO import_job (id, subject, role, roles, academy_code, association_id, standing, request_id, "
                + "locale, dry_run, mode, file_name, file_size, status, created_at) VALUES (?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?)", job.id, job.scope.subject(), job.scope.role().name(),
                job.scope.roles().stream().map(Role::name).toArray(String[]::new), job.scope.academyCode(),
                job.scope.associationId(), job.scope.standing().name(), job.scope.requestId(),
                job.scope.locale().toLanguageTag(), job.dryRun, job.mode.value, job.fileName, size, job.status.name(),
                at(job.createdAt)));
        if (file == null) {
            return;
        }
        byte[] buffer = new byte[FILE_CHUNK];
        int seq = 0;
        int n = file.readNBytes(buffer, 0, FILE_CHUNK);
        do { // at least one piece, even for an empty file (refused as such by the worker)
            c.update(Sql.of("INSERT INTO import_file_chunk (job_id, seq, data) VALUES (?, ?, ?)", job.id, seq++,
                    io.vertx.core.buffer.Buffer.buffer(n == FILE_CHUNK ? buffer : java.util.Arrays.copyOf(buffer, n))));
            n = file.readNBytes(buffer, 0, FILE_CHUNK);
        } while (n > 0);
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The job, or null. */
    static ImportJob find(WorkerConnection c, UUID id) {
        RowSet<Row> rows = c.query(Sql.of(SELECT_JOB, id));
        return rows.size() == 0 ? null : ImportJob.fromJson(new JsonObject(rows.iterator().next().getString(0)));
    }

    /**
     * Claims the oldest PENDING job, or a RUNNING one whose heartbeat is older than {@code staleBefore}, under a fresh
     * claim; null when there is none. Committed at once (the caller's connection is committed or rolled back here).
     */
    static ImportJob claim(WorkerConnection c, String worker, Instant now, Instant staleBefore) {
        RowSet<Row> found = c.query(Sql.of("SELECT id FROM import_job WHERE status = 'PENDING' "
                + "OR (status = 'RUNNING' AND heartbeat_at < ?) ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED", at(staleBefore)));
        if (found.size() == 0) {
            c.rollback();
            return null;
        }
        UUID id = found.iterator().next().getUUID(0);
        c.update(Sql.of("UPDATE import_job SET status = 'RUNNING', claim = ?, worker = ?, heartbeat_at = ?, "
                + "attempts = attempts + 1, started_at = coalesce(started_at, ?) WHERE id = ?", UUID.randomUUID(), worker, at(now),
                at(now), id));
        ImportJob job = find(c, id);
        c.commit();
        return job;
    }

    /** Copies the job's file to {@code target}, a piece (FILE_CHUNK bytes) at a time; false when it is gone. */
    static boolean readFile(WorkerConnection c, UUID id, Path target) throws IOException {
        boolean any = false;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int seq = 0;; seq++) {
                RowSet<Row> rows = c.query(Sql.of("SELECT data FROM import_file_chunk WHERE job_id = ? AND seq = ?", id, seq));
                if (rows.size() == 0) {
                    return any;
                }
                any = true;
                out.write(rows.iterator().next().getBuffer(0).getBytes());
            }
        }
    }

    /**
     * Writes the job's state (progress, totals, problems, heartbeat; its end when finished) in the caller's transaction;
     * false when the job is no longer under this claim (another worker took it over): the caller rolls back.
     */
    static boolean save(WorkerConnection c, ImportJob job, Instant now) {
        Sql sql;
        synchronized (job) {
            sql = Sql.of("UPDATE import_job SET status = ?, phase = ?, reason = ?, message = ?, format = ?, sha256 = ?, "
                    + "heartbeat_at = ?, lines_done = ?, start_audited = ?, rows_read = ?, imported = ?, rejected = ?, "
                    + "learners_created = ?, learners_linked = ?, enrollments_created = ?, enrollments_already_present = ?, "
                    + "outcomes_created = ?, duplicates_suspected = ?, problems = ?::text::jsonb, problems_not_shown = ?, "
                    + "finished_at = ?, claim = CASE WHEN ? THEN NULL ELSE claim END, "
                    + "worker = CASE WHEN ? THEN NULL ELSE worker END WHERE id = ? AND claim = ?",
                    job.status.name(), job.phase == null ? null : job.phase.name(), job.reason, job.message, job.format,
                    job.sha256, at(now), job.linesDone, job.startAudited, job.rows, job.imported, job.rejected,
                    job.learnersCreated, job.learnersLinked, job.enrollmentsCreated, job.enrollmentsAlreadyPresent,
                    job.outcomesCreated, job.duplicatesSuspected, job.problemsJson(), job.problemsNotShown(),
                    at(job.finishedAt), job.finished(), job.finished(), job.id, job.claim);
        }
        int updated = c.update(sql);
        if (updated == 1 && job.finished()) {
            deleteFile(c, job.id);
        }
        return updated == 1;
    }

    /** Keeps the claim alive while a long chunk or transaction runs (autocommit connection). */
    static boolean heartbeat(WorkerConnection c, ImportJob job, Instant now) {
        return c.update(Sql.of("UPDATE import_job SET heartbeat_at = ? WHERE id = ? AND claim = ?", at(now), job.id, job.claim)) == 1;
    }

    /**
     * Hands the job back (PENDING, no worker) so that another replica resumes it from its last committed chunk; the
     * progress of the uncommitted work is forgotten (autocommit connection).
     */
    static boolean handBack(WorkerConnection c, ImportJob job) {
        return c.update(Sql.of("UPDATE import_job SET status = 'PENDING', claim = NULL, worker = NULL, heartbeat_at = NULL "
                + "WHERE id = ? AND claim = ?", job.id, job.claim)) == 1;
    }

    static void deleteFile(WorkerConnection c, UUID id) {
        c.update(Sql.of("DELETE FROM import_file_chunk WHERE job_id = ?", id));
    }

    /**
     * Deletes the files of ended jobs (left behind by a failure) and the jobs that ended before {@code finishedBefore}
     * (with their files); returns the rows deleted (autocommit connection).
     */
    static int cleanUp(WorkerConnection c, Instant finishedBefore) {
        int n = c.update(Sql.of("DELETE FROM import_file_chunk f USING import_job j WHERE f.job_id = j.id "
                + "AND j.status NOT IN ('PENDING', 'RUNNING')"));
        return n + c.update(Sql.of("DELETE FROM import_job WHERE finished_at < ?", at(finishedBefore)));
    }
}
