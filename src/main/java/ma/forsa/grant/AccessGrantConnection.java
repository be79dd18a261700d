package ma.forsa.grant;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("AccessGrantConnection")
public record AccessGrantConnection(@NonNull List<@NonNull AccessGrantEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {
}
