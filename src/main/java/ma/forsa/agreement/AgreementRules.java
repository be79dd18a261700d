package ma.forsa.agreement;

import java.util.List;
import java.util.Map;

import ma.forsa.common.ApiException;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

/** The agreement lifecycle of domain.md and who may write which agreements. */
public final class AgreementRules {

    /**
     * DRAFT → SIGNED → ACTIVE → (SUSPENDED ↔ ACTIVE) → TERMINATED. A signed agreement may also be
     * terminated before it starts. EXPIRED is never requested: a running agreement becomes EXPIRED
     * by itself once its end date has passed (see {@link Agreement#EFFECTIVE_STATUS}).
     */
    public static final Map<AgreementStatus, List<AgreementStatus>> NEXT = Map.of(
            AgreementStatus.DRAFT, List.of(AgreementStatus.SIGNED),
            AgreementStatus.SIGNED, List.of(AgreementStatus.ACTIVE, AgreementStatus.TERMINATED),
            AgreementStatus.ACTIVE, List.of(AgreementStatus.SUSPENDED, AgreementStatus.TERMINATED),
            AgreementStatus.SUSPENDED, List.of(AgreementStatus.ACTIVE, AgreementStatus.TERMINATED),
            AgreementStatus.TERMINATED, List.of(),
            AgreementStatus.EXPIRED, List.of());

    private AgreementRules() {
    }

    /** Association staff only read; the ministry writes FRAMEWORK agreements only. */
    public static void mayWrite(AccessScope scope) {
        if (scope.role() == Role.ASSOCIATION_STAFF) {
            throw ApiException.forbidden("Association staff may read their agreements but not change them: ask the academy.");
        }
    }

    public static void mayWriteKind(AccessScope scope, AgreementKind kind) {
        if (scope.role() == Role.MINISTRY && kind != AgreementKind.FRAMEWORK) {
            throw ApiException.forbidden("The ministry writes FRAMEWORK agreements only; CENTER_MANAGEMENT agreements are managed "
                    + "by the academies.");
        }
    }

    /** The caller sees this agreement (else it does not exist for them). */
    public static boolean sees(AccessScope scope, AgreementEntity g) {
        if (scope.academyScope() != null) {
            return scope.academyScope().equals(g.academyCode);
        }
        if (scope.associationScope() != null) {
            return scope.associationScope().equals(g.associationId);
        }
        return true;
    }
}
