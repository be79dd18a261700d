package ma.forsa.importer;

import java.time.Instant;
import java.util.List;

/** What an import did (or, in a dry run, would do): status, progress, totals and the rows' problems. */
public record ImportReport(String id, String status, String reason, String message, boolean dryRun, String mode,
        String fileName, String format, String sha256, int rowsProcessed, Totals totals, List<ImportProblem> problems,
        int problemsNotShown, Instant startedAt, Instant finishedAt) {

    /**
     * rows: data rows read; imported: rows written (or that would be in a dry run); rejected: rows with a
     * problem; linked: rows matching an existing learner (by MASSAR code or an earlier import of the same row).
     */
    public record Totals(int rows, int imported, int rejected, int learnersCreated, int learnersLinked,
            int enrollmentsCreated, int enrollmentsAlreadyPresent, int outcomesCreated, int duplicatesSuspected) {
    }
}
