package ma.forsa.audit;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.paging.PageInfo;

@Type("AuditEventConnection")
public record AuditEventConnection(@NonNull List<@NonNull AuditEventEdge> edges, @NonNull PageInfo pageInfo,
        @org.eclipse.microprofile.graphql.Description("Events in the trail (counted only when asked for).") int totalCount) {

    @Type("AuditEventEdge")
    public record AuditEventEdge(@NonNull String cursor, @NonNull AuditEntry node) {
    }
}
