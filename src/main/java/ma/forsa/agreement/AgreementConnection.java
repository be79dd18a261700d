package ma.forsa.agreement;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("AgreementConnection")
public record AgreementConnection(@NonNull List<@NonNull AgreementEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {
}
