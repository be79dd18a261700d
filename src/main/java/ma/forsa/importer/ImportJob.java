package ma.forsa.importer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ma.forsa.security.AccessScope;

/** The state of one import while it runs and after; read by the status endpoint from other threads. */
final class ImportJob {

    enum Status {
        /** Waiting for a worker. */
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

    static final int MAX_PROBLEMS_SHOWN = 1000;

    final UUID id = UUID.randomUUID();
    final AccessScope scope;
    final boolean dryRun;
    final ImportMode mode;
    final String fileName;
    volatile Status status = Status.PENDING;
    volatile String reason;
    volatile String message;
    volatile String format;
    volatile String sha256;
    volatile Instant startedAt;
    volatile Instant finishedAt;
    final Instant createdAt = Instant.now();

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

    ImportJob(AccessScope scope, boolean dryRun, ImportMode mode, String fileName) {
        this.scope = scope;
        this.dryRun = dryRun;
        this.mode = mode;
        this.fileName = fileName;
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

    boolean finished() {
        return status != Status.PENDING && status != Status.RUNNING;
    }

    synchronized ImportReport report() {
        return new ImportReport(id.toString(), status.name(), reason, message, dryRun, mode.value, fileName, format, sha256,
                rows, new ImportReport.Totals(rows, imported, rejected, learnersCreated, learnersLinked, enrollmentsCreated,
                        enrollmentsAlreadyPresent, outcomesCreated, duplicatesSuspected),
                List.copyOf(problems), problemsNotShown, startedAt, finishedAt);
    }
}
