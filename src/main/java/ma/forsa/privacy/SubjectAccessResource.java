package ma.forsa.privacy;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import ma.forsa.common.Ids;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

/** Subject access: {@code GET /admin/learners/{id}/export}, ADMIN only, audited as EXPORT. */
@Path("/admin/learners")
public class SubjectAccessResource {

    private final CurrentAccess access;
    private final SubjectAccessExport export;

    @Inject
    public SubjectAccessResource(CurrentAccess access, SubjectAccessExport export) {
        this.access = access;
        this.export = export;
    }

    @GET
    @Requires(Action.EXPORT_SUBJECT_ACCESS)
    @Path("/{id}/export")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<JsonObject> export(@PathParam("id") String id) {
        AccessScope scope = access.require();
        return export.export(scope, Ids.parse(id, "Learner"));
    }
}
