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

    /**
     * Restricts {@code learner l} to what the caller may see. Written as {@code l.id IN (... UNION ALL
     * ...)} rather than {@code EXISTS ... OR EXISTS ...}: PostgreSQL then builds the small set of
     * learner ids in scope once instead of probing every learner (see bench/learner-search.sh).
     */
    public static Sql visibleLearners(Sql sql, AccessScope scope) {
        if (scope.academyScope() != null) {
            sql.and("l.id IN (SELECT se.learner_id FROM enrollment se JOIN center sc ON sc.id = se.center_id "
                    + "JOIN province sp ON sp.code = sc.province_code WHERE sp.academy_code = ? "
                    + "UNION ALL SELECT sr.id FROM learner sr JOIN association sa ON sa.id = sr.registered_by_association_id "
                    + "JOIN province sap ON sap.code = sa.province_code WHERE sap.academy_code = ?)",
                    scope.academyScope(), scope.academyScope());
        } else if (scope.associationScope() != null) {
            sql.and("l.id IN (SELECT se.learner_id FROM enrollment se JOIN center sc ON sc.id = se.center_id "
                    + "WHERE sc.association_id = ? UNION ALL SELECT sr.id FROM learner sr "
                    + "WHERE sr.registered_by_association_id = ?)",
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
