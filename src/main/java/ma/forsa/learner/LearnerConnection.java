package ma.forsa.learner;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("LearnerConnection")
public record LearnerConnection(@NonNull List<@NonNull LearnerEdge> edges, @NonNull PageInfo pageInfo,
        @Description("How many learners the list holds; null when withheld from the viewer (suppressed).") Integer totalCount,
        @Description("True when the list is withheld from the viewer (MINISTRY: fewer learners than the disclosure "
                + "threshold, or a count that another allowed list would reveal): no edges and no totalCount.") boolean suppressed) {

    /** The list's count only, for a caller who reads learners as figures (MINISTRY). */
    static LearnerConnection figuresOnly(int totalCount) {
        return new LearnerConnection(List.of(), new PageInfo(false, null), totalCount, false);
    }

    /** A list withheld whole by the disclosure rule. */
    static LearnerConnection withheld() {
        return new LearnerConnection(List.of(), new PageInfo(false, null), null, true);
    }
}
