package ma.forsa.enrollment;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("EnrollmentConnection")
public record EnrollmentConnection(@NonNull List<@NonNull EnrollmentEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {
}
