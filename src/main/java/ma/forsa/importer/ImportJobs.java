package ma.forsa.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.vertx.core.json.JsonObject;
import ma.forsa.security.Role;

/**
 * The SQL of the import jobs ({@code import_job}, {@code import_file_chunk}), over the importer's own JDBC pool. Every
 * write of a running job is fenced by its claim: a worker whose job was taken over (its heartbeat went stale) changes
 * nothing and rolls back.
 */
final class ImportJobs {

    /** Bytes per row of import_file_chunk. */
    static final int FILE_CHUNK = 1 << 20;

    static final String SELECT_JOB = "SELECT to_jsonb(j)::text AS job FROM import_job j WHERE id = ?";

    private ImportJobs() {
    }

    /** A new PENDING job with its file, in the caller's transaction. */
    static void insert(Connection c, ImportJob job, long size, InputStream file) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO import_job (id, subject, role, roles, academy_code, "
                + "association_id, standing, request_id, locale, dry_run, mode, file_name, file_size, status, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, job.id);
            s.setString(2, job.scope.subject());
            s.setString(3, job.scope.role().name());
            s.setArray(4, c.createArrayOf("text", job.scope.roles().stream().map(Role::name).toArray()));
            s.setString(5, job.scope.academyCode());
            s.setObject(6, job.scope.associationId());
            s.setString(7, job.scope.standing().name());
            s.setString(8, job.scope.requestId());
            s.setString(9, job.scope.locale().toLanguageTag());
            s.setBoolean(10, job.dryRun);
            s.setString(11, job.mode.value);
            s.setString(12, job.fileName);
            s.setLong(13, size);
            s.setString(14, job.status.name());
            s.setTimestamp(15, Timestamp.from(job.createdAt));
            s.executeUpdate();
        }
        if (file == null) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO import_file_chunk (job_id, seq, data) VALUES (?, ?, ?)")) {
            byte[] buffer = new byte[FILE_CHUNK];
            int seq = 0;
            int n = file.readNBytes(buffer, 0, FILE_CHUNK);
            do { // at least one piece, even for an empty file (refused as such by the worker)
                s.setObject(1, job.id);
                s.setInt(2, seq++);
                s.setBytes(3, n == FILE_CHUNK ? buffer : java.util.Arrays.copyOf(buffer, n));
                s.executeUpdate();
                n = file.readNBytes(buffer, 0, FILE_CHUNK);
            } while (n > 0);
        }
    }

    /** The job, or null. */
    static ImportJob find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT_JOB)) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? ImportJob.fromJson(new JsonObject(r.getString(1))) : null;
            }
        }
    }

    /**
     * Claims the oldest PENDING job, or a RUNNING one whose heartbeat is older than {@code staleBefore}, under a fresh
     * claim; null when there is none. Committed at once (autocommit off: the caller's connection is committed here).
     */
    static ImportJob claim(Connection c, String worker, Instant now, Instant staleBefore) throws SQLException {
        UUID id;
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM import_job WHERE status = 'PENDING' "
                + "OR (status = 'RUNNING' AND heartbeat_at < ?) ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            s.setTimestamp(1, Timestamp.from(staleBefore));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    c.rollback();
                    return null;
                }
                id = r.getObject(1, UUID.class);
            }
        }
        UUID claim = UUID.randomUUID();
        try (PreparedStatement s = c.prepareStatement("UPDATE import_job SET status = 'RUNNING', claim = ?, worker = ?, "
                + "heartbeat_at = ?, attempts = attempts + 1, started_at = coalesce(started_at, ?) WHERE id = ?")) {
            s.setObject(1, claim);
            s.setString(2, worker);
            s.setTimestamp(3, Timestamp.from(now));
            s.setTimestamp(4, Timestamp.from(now));
            s.setObject(5, id);
            s.executeUpdate();
        }
        ImportJob job = find(c, id);
        c.commit();
        return job;
    }

    /** Copies the job's file to {@code target}; false when it is gone. */
    static boolean readFile(Connection c, UUID id, Path target) throws SQLException, IOException {
        boolean any = false;
        try (PreparedStatement s = c.prepareStatement("SELECT data FROM import_file_chunk WHERE job_id = ? ORDER BY seq");
                OutputStream out = Files.newOutputStream(target)) {
            s.setObject(1, id);
            s.setFetchSize(1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    any = true;
                    out.write(r.getBytes(1));
                }
            }
        }
        return any;
    }

    /**
     * Writes the job's state (progress, totals, problems, heartbeat; its end when finished) in the caller's transaction;
     * false when the job is no longer under this claim (another worker took it over): the caller rolls back.
     */
    static boolean save(Connection c, ImportJob job, Instant now) throws SQLException {
        int updated;
        synchronized (job) {
            try (PreparedStatement s = c.prepareStatement("UPDATE import_job SET status = ?, phase = ?, reason = ?, message = ?, "
                    + "format = ?, sha256 = ?, heartbeat_at = ?, lines_done = ?, start_audited = ?, rows_read = ?, imported = ?, "
                    + "rejected = ?, learners_created = ?, learners_linked = ?, enrollments_created = ?, "
                    + "enrollments_already_present = ?, outcomes_created = ?, duplicates_suspected = ?, problems = ?::jsonb, "
                    + "problems_not_shown = ?, finished_at = ?, claim = CASE WHEN ? THEN NULL ELSE claim END, "
                    + "worker = CASE WHEN ? THEN NULL ELSE worker END WHERE id = ? AND claim = ?")) {
                int i = 0;
                s.setString(++i, job.status.name());
                s.setString(++i, job.phase == null ? null : job.phase.name());
                s.setString(++i, job.reason);
                s.setString(++i, job.message);
                s.setString(++i, job.format);
                s.setString(++i, job.sha256);
                s.setTimestamp(++i, Timestamp.from(now));
                s.setInt(++i, job.linesDone);
                s.setBoolean(++i, job.startAudited);
                s.setInt(++i, job.rows);
                s.setInt(++i, job.imported);
                s.setInt(++i, job.rejected);
                s.setInt(++i, job.learnersCreated);
                s.setInt(++i, job.learnersLinked);
                s.setInt(++i, job.enrollmentsCreated);
                s.setInt(++i, job.enrollmentsAlreadyPresent);
                s.setInt(++i, job.outcomesCreated);
                s.setInt(++i, job.duplicatesSuspected);
                s.setString(++i, job.problemsJson());
                s.setInt(++i, job.problemsNotShown());
                s.setTimestamp(++i, job.finishedAt == null ? null : Timestamp.from(job.finishedAt));
                s.setBoolean(++i, job.finished());
                s.setBoolean(++i, job.finished());
                s.setObject(++i, job.id);
                s.setObject(++i, job.claim);
                updated = s.executeUpdate();
            }
        }
        if (updated == 1 && job.finished()) {
            deleteFile(c, job.id);
        }
        return updated == 1;
    }

    /** Keeps the claim alive while a long chunk or transaction runs (autocommit connection). */
    static boolean heartbeat(Connection c, ImportJob job, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE import_job SET heartbeat_at = ? WHERE id = ? AND claim = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setObject(2, job.id);
            s.setObject(3, job.claim);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Hands the job back (PENDING, no worker) so that another replica resumes it from its last committed chunk; the
     * progress of the uncommitted work is forgotten (autocommit connection).
     */
    static boolean handBack(Connection c, ImportJob job) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE import_job SET status = 'PENDING', claim = NULL, worker = NULL, "
                + "heartbeat_at = NULL WHERE id = ? AND claim = ?")) {
            s.setObject(1, job.id);
            s.setObject(2, job.claim);
            return s.executeUpdate() == 1;
        }
    }

    static void deleteFile(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM import_file_chunk WHERE job_id = ?")) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }

    /**
     * Deletes the files of ended jobs (left behind by a failure) and the jobs that ended before {@code finishedBefore}
     * (with their files); returns the rows deleted (autocommit connection).
     */
    static int cleanUp(Connection c, Instant finishedBefore) throws SQLException {
        int n;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM import_file_chunk f USING import_job j WHERE f.job_id = j.id "
                + "AND j.status NOT IN ('PENDING', 'RUNNING')")) {
            n = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM import_job WHERE finished_at < ?")) {
            s.setTimestamp(1, Timestamp.from(finishedBefore));
            n += s.executeUpdate();
        }
        return n;
    }
}
