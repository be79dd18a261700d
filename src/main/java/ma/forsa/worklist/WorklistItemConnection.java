package ma.forsa.worklist;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("WorklistItemConnection")
public record WorklistItemConnection(@NonNull List<@NonNull WorklistItemEdge> edges, @NonNull PageInfo pageInfo,
        @Description("Items of this kind (computed only when selected).") Integer totalCount) {
}
