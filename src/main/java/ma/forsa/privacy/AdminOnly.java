package ma.forsa.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ma.forsa.common.ApiException;
import ma.forsa.security.AccessScope;
import ma.forsa.security.RefusedAccessLog;
import ma.forsa.security.Role;

/** The privacy endpoints are ADMIN's; anyone else is refused, and the attempt is audited as REFUSED. */
@ApplicationScoped
public class AdminOnly {

    private final RefusedAccessLog refusedAccessLog;

    @Inject
    public AdminOnly(RefusedAccessLog refusedAccessLog) {
        this.refusedAccessLog = refusedAccessLog;
    }

    AccessScope check(AccessScope scope, String operation, String what) {
        if (scope.role() != Role.ADMIN) {
            refusedAccessLog.recordForbidden(scope, operation);
            throw ApiException.forbidden(what + " is reserved to ADMIN.");
        }
        return scope;
    }
}
