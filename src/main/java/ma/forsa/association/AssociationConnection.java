package ma.forsa.association;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("AssociationConnection")
public record AssociationConnection(@NonNull List<@NonNull AssociationEdge> edges, @NonNull PageInfo pageInfo,
        @Description("Associations matching the filter (counted only when asked for).") int totalCount) {
}
