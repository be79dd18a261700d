package ma.forsa.enrollment;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import ma.forsa.common.ApiException;
import ma.forsa.common.Ids;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

/** Live enrollment changes of a centre, over websocket (docs/api/front-end.md#subscriptions). */
@GraphQLApi
public class EnrollmentChangesApi {

    private final CurrentAccess access;
    private final EnrollmentChanges changes;

    @Inject
    public EnrollmentChangesApi(CurrentAccess access, EnrollmentChanges changes) {
        this.access = access;
        this.changes = changes;
    }

    @Subscription("enrollmentChanges")
    @Description("The enrollment changes of a centre as they are committed (enrolled, status changes, exits, transfers in and "
            + "out), whoever makes them (GraphQL, the import, referrals). Over websocket only (graphql-transport-ws). A centre "
            + "the caller does not see is NOT_FOUND at once; each change is read again through the caller's scope.")
    @Requires(Action.READ_LEARNER_RECORDS)
    public Multi<EnrollmentChange> enrollmentChanges(@Name("centerId") @Id @NonNull String centerId) {
        try {
            AccessScope scope = access.require();
            return changes.of(scope, Ids.parse(centerId, "center"));
        } catch (ApiException e) {
            return Multi.createFrom().failure(e);
        }
    }
}
