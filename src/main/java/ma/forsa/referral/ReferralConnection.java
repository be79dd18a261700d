package ma.forsa.referral;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("ReferralConnection")
public record ReferralConnection(@NonNull List<@NonNull ReferralEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {
}
