package ma.forsa.worklist;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Follow-up completion of one academy (or association): follow-ups due in the period and recorded on time. */
@Type("FollowUpCompletion")
@Description("Follow-ups (3, 6, 12 months after exit) whose recording window closed in the period, and those recorded on "
        + "time (inside the window). For MINISTRY, a count the disclosure rule withholds is null "
        + "(suppressed: true): fewer follow-ups than the threshold, or a count the others or another period would give away.")
public record FollowUpCompletion(@NonNull @Id String academyCode, @Id String associationId, String associationName,
        Integer due, Integer recordedOnTime, @Description("recordedOnTime / due; null when a count is withheld or none due.")
        Double completionRate, boolean suppressed) {
}
