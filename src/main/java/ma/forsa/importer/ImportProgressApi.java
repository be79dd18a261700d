package ma.forsa.importer;

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
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

/** The live progress of an import, over websocket (docs/api/front-end.md#subscriptions). */
@GraphQLApi
public class ImportProgressApi {

    private final CurrentAccess access;
    private final ImportProgress progress;

    @Inject
    public ImportProgressApi(CurrentAccess access, ImportProgress progress) {
        this.access = access;
        this.progress = progress;
    }

    @Subscription("importProgress")
    @Description("The progress of an import started with POST /imports (its id): the current state first, then after each "
            + "chunk of rows, until it finishes (COMPLETED, REJECTED, REFUSED or FAILED; then the subscription completes). "
            + "Who started the import, or ADMIN. Over websocket only (graphql-transport-ws).")
    @Requires(Action.READ_IMPORTS)
    public Multi<ImportProgressEvent> importProgress(@Name("id") @Id @NonNull String id) {
        try {
            return progress.follow(access.require(), Ids.parse(id, "import"));
        } catch (ApiException e) {
            return Multi.createFrom().failure(e);
        }
    }
}
