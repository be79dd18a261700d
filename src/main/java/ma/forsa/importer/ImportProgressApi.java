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
    private final ImportService imports;

    @Inject
    public ImportProgressApi(CurrentAccess access, ImportProgress progress, ImportService imports) {
        this.access = access;
        this.progress = progress;
        this.imports = imports;
    }

    @Subscription("importProgress")
    @Description("The progress of an import started with POST /imports (its id): the current state first, then after each "
            + "chunk of rows, until it finishes (COMPLETED, REJECTED, REFUSED or FAILED; then the subscription completes). "
            + "Who started the import, or ADMIN. Over websocket only (graphql-transport-ws).")
    @Requires(Action.READ_IMPORTS)
    public Multi<ImportProgressEvent> importProgress(@Name("id") @Id @NonNull String id) {
        try {
            var scope = access.require();
            // the job as stored (any replica's): NOT_FOUND unless the caller started it or is ADMIN, as GET /imports/{id}
            java.util.UUID key = Ids.parse(id, "import");
            return imports.find(scope, key).onItem().transformToMulti(job -> progress.follow(scope, job,
                    () -> imports.find(scope, key)));
        } catch (ApiException e) {
            return Multi.createFrom().failure(e);
        }
    }
}
