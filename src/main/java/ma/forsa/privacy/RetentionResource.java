package ma.forsa.privacy;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

/** Runs the retention rule on demand: {@code POST /admin/retention/run?dryRun=true} lists, without it anonymises. */
@Path("/admin/retention")
public class RetentionResource {

    private final CurrentAccess access;
    private final RetentionJob job;

    @Inject
    public RetentionResource(CurrentAccess access, RetentionJob job) {
        this.access = access;
        this.job = job;
    }

    @POST
    @Requires(Action.RUN_RETENTION)
    @Path("/run")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RetentionReport> run(@QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        AccessScope scope = access.require();
        return job.run(scope, dryRun);
    }
}
