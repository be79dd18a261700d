package ma.forsa.audit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.common.graphql.Selection;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;
import ma.forsa.security.WithheldFields;

/** Read-only: the trail cannot be changed through the API (and the database refuses UPDATE/DELETE). */
@GraphQLApi
public class AuditTrailApi {

    private final CurrentAccess access;
    private final AuditTrail trail;
    private final WithheldFields withheld;
    private final Selection selection;

    @Inject
    public AuditTrailApi(CurrentAccess access, AuditTrail trail, WithheldFields withheld, Selection selection) {
        this.access = access;
        this.trail = trail;
        this.withheld = withheld;
        this.selection = selection;
    }

    @Query("auditTrail")
    @Description("The audit trail of one record (e.g. entity: \"Agreement\"), oldest first. ADMIN reads every trail; MINISTRY "
            + "reads those of partner records (Association, Agreement, Tranche, Amendment, Center) without the acting subjects "
            + "(listed in extensions.withheld).")
    @Requires(Action.READ_PARTNER_AUDIT)
    public Uni<@NonNull AuditEventConnection> auditTrail(@NonNull @Name("entity") String entity, @NonNull @Id @Name("id") String id,
            @Name("first") Integer first, @Name("after") String after) {
        AccessScope scope = access.require();
        WithheldFields withheldHere = io.quarkus.arc.ClientProxy.unwrap(withheld);
        return trail.of(scope, entity, id, first, after, selection.wants("totalCount")).invoke(connection -> {
            if (!AuditTrail.seesSubject(scope) && !connection.edges().isEmpty()) {
                withheldHere.withhold(scope, "AuditEvent", "subject");
            }
        });
    }
}
