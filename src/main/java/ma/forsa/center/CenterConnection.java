package ma.forsa.center;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("CenterConnection")
public record CenterConnection(@NonNull List<@NonNull CenterEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {
}
