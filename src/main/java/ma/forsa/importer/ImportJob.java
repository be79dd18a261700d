package ma.forsa.importer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;
import ma.forsa.security.Standing;

/**
 * The state of one import: a row of {@code import_job} ({@link ImportJobs}), held in memory by the worker that runs it
 * and written back at each committed chunk; any replica reads it back for {@code GET /imports/{id}}.
 */
final class ImportJob {

    enum Status {
        /** Waiting for a worker (new, or handed back by a replica that stopped). */
        PENDING,
        RUNNING,
        /** Done: valid rows imported (or, in a dry run, checked). */
        COMPLETED,
        /** all-or-nothing with at least one invalid row: nothing written. */
        REJECTED,
        /** The file itself was refused (unreadable, wrong headers, too large): nothing written. */
        REFUSED,
        /** Stopped by an unexpected error; rows of the chunks committed before it stay imported. */
        FAILED
    }

    /** What a running job is doing: checking every row without writing (dry run, all-or-nothing), or writing. */
    enum Phase {
        VALIDATING, WRITING
    }

    static final int MAX_PROBLEMS_SHOWN = 1000;

    final UUID id;
    final AccessScope scope;
    final boolean dryRun;
    final ImportMode mode;
    final String fileName;
    final Instant createdAt;
    volatile Status status = Status.PENDING;
    volatile Phase phase;
    volatile String reason;
    volatile String message;
    volatile String format;
    volatile String sha256;
    volatile Instant startedAt;
    volatile Instant finishedAt;
    /** The claim under which this worker runs the job (fences its writes). */
    volatile UUID claim;
    /** Data lines whose outcome is committed: a resumed job skips them. */
    int linesDone;
    /** Time spent by this worker per phase (ns): read and parse, locks, look-ups, rules, writes, commits; logged at the end. */
    final long[] nanos = new long[6];
    boolean startAudited;
    /** Claims of this job so far (1: its first run). */
    int attempts;
    /** Set by the heartbeat when another worker took the job over: this one stops at its next chunk. */
    volatile boolean lost;
    /** {@link #learnersCreated} at this worker's last vacuum of the learner table (ImportService.upkeep). */
    int learnersAtVacuum;
    /** {@link #learnersCreated} at this worker's last ANALYZE of the learner table. */
    int learnersAtAnalyse;

    int rows;
    int imported;
    int rejected;
    int learnersCreated;
    int learnersLinked;
    int enrollmentsCreated;
    int enrollmentsAlreadyPresent;
    int outcomesCreated;
    int duplicatesSuspected;
    private final List<ImportProblem> problems = new ArrayList<>();
    private int problemsNotShown;

    ImportJob(UUID id, AccessScope scope, boolean dryRun, ImportMode mode, String fileName, Instant createdAt) {
        this.id = id;
        this.scope = scope;
        this.dryRun = dryRun;
        this.mode = mode;
        this.fileName = fileName;
        this.createdAt = createdAt;
    }

    /** The same import seen as a dry run (all-or-nothing's validating pass: the chunk writer checks, writes nothing). */
    ImportJob asDryRun() {
        return new ImportJob(id, scope, true, mode, fileName, createdAt);
    }

    synchronized void problem(ImportProblem p) {
        if (problems.size() < MAX_PROBLEMS_SHOWN) {
            problems.add(p);
        } else {
            problemsNotShown++;
        }
    }

    synchronized void problems(List<ImportProblem> ps) {
        ps.forEach(this::problem);
    }

    synchronized boolean hasProblems() {
        return rejected > 0;
    }

    /** Forgets the counts and problems (a pass that starts again from the first line). */
    synchronized void resetCounts() {
        rows = imported = rejected = learnersCreated = learnersLinked = enrollmentsCreated = enrollmentsAlreadyPresent = 0;
        outcomesCreated = duplicatesSuspected = 0;
        problems.clear();
        problemsNotShown = 0;
    }

    /** Forgets what a pass wrote (all-or-nothing rejected: nothing was written); rows, rejections and problems stay. */
    synchronized void resetWrites() {
        imported = learnersCreated = learnersLinked = enrollmentsCreated = enrollmentsAlreadyPresent = outcomesCreated = 0;
    }

    boolean finished() {
        return status != Status.PENDING && status != Status.RUNNING;
    }

    synchronized ImportReport report() {
        return new ImportReport(id.toString(), status.name(), reason, message, dryRun, mode.value, fileName, format, sha256,
                rows, new ImportReport.Totals(rows, imported, rejected, learnersCreated, learnersLinked, enrollmentsCreated,
                        enrollmentsAlreadyPresent, outcomesCreated, duplicatesSuspected),
                List.copyOf(problems), problemsNotShown, startedAt, finishedAt);
    }

    /** The problems kept, as the jsonb of {@code import_job.problems}. */
    synchronized String problemsJson() {
        JsonArray out = new JsonArray();
        for (ImportProblem p : problems) {
            out.add(new JsonObject().put("row", p.row()).put("column", p.column()).put("value", p.value())
                    .put("message", p.message()));
        }
        return out.encode();
    }

    synchronized int problemsNotShown() {
        return problemsNotShown;
    }

    /** A job from {@code to_jsonb(import_job)} (the same reading for the worker and for GET). */
    static ImportJob fromJson(JsonObject j) {
        Set<Role> roles = new HashSet<>();
        j.getJsonArray("roles").forEach(r -> roles.add(Role.valueOf((String) r)));
        String association = j.getString("association_id");
        AccessScope scope = new AccessScope(j.getString("subject"), Role.valueOf(j.getString("role")), roles,
                j.getString("academy_code"), association == null ? null : UUID.fromString(association),
                Standing.valueOf(j.getString("standing")), j.getString("request_id"),
                Locale.forLanguageTag(j.getString("locale")));
        ImportJob job = new ImportJob(UUID.fromString(j.getString("id")), scope, j.getBoolean("dry_run"),
                ImportMode.parse(j.getString("mode")), j.getString("file_name"), instant(j.getString("created_at")));
        job.status = Status.valueOf(j.getString("status"));
        job.phase = j.getString("phase") == null ? null : Phase.valueOf(j.getString("phase"));
        job.reason = j.getString("reason");
        job.message = j.getString("message");
        job.format = j.getString("format");
        job.sha256 = j.getString("sha256");
        job.claim = j.getString("claim") == null ? null : UUID.fromString(j.getString("claim"));
        job.startedAt = instant(j.getString("started_at"));
        job.finishedAt = instant(j.getString("finished_at"));
        job.linesDone = j.getInteger("lines_done");
        job.startAudited = j.getBoolean("start_audited");
        job.attempts = j.getInteger("attempts");
        job.rows = j.getInteger("rows_read");
        job.imported = j.getInteger("imported");
        job.rejected = j.getInteger("rejected");
        job.learnersCreated = j.getInteger("learners_created");
        job.learnersLinked = j.getInteger("learners_linked");
        job.enrollmentsCreated = j.getInteger("enrollments_created");
        job.enrollmentsAlreadyPresent = j.getInteger("enrollments_already_present");
        job.outcomesCreated = j.getInteger("outcomes_created");
        job.duplicatesSuspected = j.getInteger("duplicates_suspected");
        for (Object o : j.getJsonArray("problems")) {
            JsonObject p = (JsonObject) o;
            job.problems.add(new ImportProblem(p.getInteger("row"), p.getString("column"), p.getString("value"),
                    p.getString("message")));
        }
        job.problemsNotShown = j.getInteger("problems_not_shown");
        return job;
    }

    private static Instant instant(String timestamp) {
        return timestamp == null ? null : OffsetDateTime.parse(timestamp).toInstant();
    }
}
