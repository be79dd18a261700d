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
import ma.forsa.security.CurrentAccess;

/** Subject access: {@code GET /admin/learners/{id}/export}, ADMIN only, audited as EXPORT. */
@Path("/admin/learners")
public class SubjectAccessResource {

    private final CurrentAccess access;
    private final AdminOnly adminOnly;
    private final SubjectAccessExport export;

    @Inject
    public SubjectAccessResource(CurrentAccess access, AdminOnly adminOnly, SubjectAccessExport export) {
        this.access = access;
        this.adminOnly = adminOnly;
        this.export = export;
    }

    @GET
    @Path("/{id}/export")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<JsonObject> export(@PathParam("id") String id) {
        AccessScope scope = adminOnly.check(access.require(), "subject access export", "The subject access export");
        return export.export(scope, Ids.parse(id, "Learner"));
    }
}
