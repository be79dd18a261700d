package ma.forsa.learner;

import ma.forsa.common.Sql;
import ma.forsa.security.AccessScope;

/**
 * Who sees which learners and enrollments, as SQL predicates. ADMIN and MINISTRY: everyone.
 * ACADEMY_OFFICER: learners with an enrollment in a centre of a province of its academy, or
 * registered by an association of its academy. ASSOCIATION_STAFF: learners with an enrollment in one
 * of its centres (also after they were transferred away), or registered by its association.
 * An enrollment is visible when its centre is.
 */
public final class LearnerAccess {

    private LearnerAccess() {
    }

    /** Restricts {@code learner l} to what the caller may see. */
    public static Sql visibleLearners(Sql sql, AccessScope scope) {
        if (scope.academyScope() != null) {
            sql.and("(EXISTS (SELECT 1 FROM enrollment se JOIN center sc ON sc.id = se.center_id "
                    + "JOIN province sp ON sp.code = sc.province_code WHERE se.learner_id = l.id AND sp.academy_code = ?) "
                    + "OR EXISTS (SELECT 1 FROM association sa JOIN province sap ON sap.code = sa.province_code "
                    + "WHERE sa.id = l.registered_by_association_id AND sap.academy_code = ?))",
                    scope.academyScope(), scope.academyScope());
        } else if (scope.associationScope() != null) {
            sql.and("(l.registered_by_association_id = ? OR EXISTS (SELECT 1 FROM enrollment se "
                    + "JOIN center sc ON sc.id = se.center_id WHERE se.learner_id = l.id AND sc.association_id = ?))",
                    scope.associationScope(), scope.associationScope());
        }
        return sql;
    }

    /** Restricts {@code center c} (and so the enrollments in it) to what the caller may see. */
    public static Sql visibleCenters(Sql sql, AccessScope scope) {
        if (scope.academyScope() != null) {
            sql.and("c.province_code IN (SELECT vp.code FROM province vp WHERE vp.academy_code = ?)", scope.academyScope());
        } else if (scope.associationScope() != null) {
            sql.and("c.association_id = ?", scope.associationScope());
        }
        return sql;
    }
}
