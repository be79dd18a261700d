package ma.forsa.privacy;

import ma.forsa.common.ApiException;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

final class AdminOnly {

    private AdminOnly() {
    }

    static AccessScope check(AccessScope scope, String what) {
        if (scope.role() != Role.ADMIN) {
            throw ApiException.forbidden(what + " is reserved to ADMIN.");
        }
        return scope;
    }
}
