package ma.forsa.enrollment;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("EnrollmentConnection")
public record EnrollmentConnection(@NonNull List<@NonNull EnrollmentEdge> edges, @NonNull PageInfo pageInfo,
        @Description("How many enrollments the list holds; null when withheld from the viewer (suppressed).") Integer totalCount,
        @Description("True when the list is withheld from the viewer (MINISTRY: fewer enrollments than the disclosure "
                + "threshold, or a count that another allowed list would reveal): no edges and no totalCount.") boolean suppressed) {

    /** A list withheld whole by the disclosure rule. */
    /** The list's count only, for a caller who reads enrollments as figures (MINISTRY). */
    static EnrollmentConnection figuresOnly(int totalCount) {
        return new EnrollmentConnection(List.of(), new PageInfo(false, null), totalCount, false);
    }

    static EnrollmentConnection withheld() {
        return new EnrollmentConnection(List.of(), new PageInfo(false, null), null, true);
    }
}
