package ma.forsa.learner;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("LearnerConnection")
public record LearnerConnection(@NonNull List<@NonNull LearnerEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {
}
