package ma.forsa.security;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class ViewerApi {

    private final CurrentAccess access;

    @Inject
    public ViewerApi(CurrentAccess access) {
        this.access = access;
    }

    @Query("me")
    @Requires(Action.READ_REFERENCE)
    @Description("The caller: subject, roles and the academy or association their access is confined to.")
    public Uni<@NonNull Viewer> me() {
        return Uni.createFrom().item(() -> Viewer.of(access.require()));
    }
}
