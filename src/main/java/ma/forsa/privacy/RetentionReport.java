package ma.forsa.privacy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What a retention run did (or would do, when dryRun): counts and ids, never names. */
public record RetentionReport(boolean dryRun, int retentionYears, LocalDate lastActivityBefore, int learners,
        List<UUID> learnerIds, boolean idsTruncated) {
}
