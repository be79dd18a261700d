package ma.forsa.learner;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.ApiException;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

/**
 * Who may change learners, enrollments and outcomes. ADMIN: everything. ASSOCIATION_STAFF: the
 * learners its association follows now (open or latest enrollment in one of its centres, or
 * registered by it and not enrolled yet) and the enrollments of its centres. ACADEMY_OFFICER and
 * MINISTRY read only.
 */
@ApplicationScoped
public class LearnerGuard {

    /** Refuses roles that never write learners, enrollments or outcomes. */
    public void requireWriter(AccessScope scope) {
        if (scope.is(Role.MINISTRY)) {
            throw ApiException.forbidden("MINISTRY reads learners pseudonymised and cannot change learners, enrollments "
                    + "or outcomes; the association staff of the centre (or an ADMIN) records them.");
        }
        if (scope.is(Role.ACADEMY_OFFICER)) {
            throw ApiException.forbidden("Academy officers read the learners of their academy but do not change them: "
                    + "learners, enrollments and outcomes are recorded by the association staff of the centre (or an ADMIN).");
        }
    }

    /**
     * Inside the caller's transaction: fails with NOT_FOUND when the learner does not exist or is out
     * of the caller's sight, FORBIDDEN when visible read-only (followed by another association now).
     */
    public Uni<Void> requireWritableLearner(AccessScope scope, UUID learnerId) {
        UUID association = scope.associationScope();
        if (association == null) {
            return Panache.getSession().chain(s -> s.createNativeQuery("SELECT 1 FROM learner WHERE id = ?1")
                    .setParameter(1, learnerId).getResultList())
                    .invoke(rows -> {
                        if (rows.isEmpty()) {
                            throw ApiException.notFound("learner", learnerId);
                        }
                    }).replaceWithVoid();
        }
        String sql = "SELECT CAST(" + LearnerRow.HOLDER + " AS varchar) AS holder, "
                + "(l.registered_by_association_id = ?1 OR EXISTS (SELECT 1 FROM enrollment se JOIN center sc "
                + "ON sc.id = se.center_id WHERE se.learner_id = l.id AND sc.association_id = ?1)) AS visible "
                + "FROM learner l WHERE l.id = ?2";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter(1, association).setParameter(2, learnerId).getResultList())
                .invoke(rows -> {
                    if (rows.isEmpty() || !Boolean.TRUE.equals(rows.get(0)[1])) {
                        throw ApiException.notFound("learner", learnerId);
                    }
                    if (!association.toString().equals(rows.get(0)[0])) {
                        throw ApiException.forbidden("Learner " + learnerId + " is now followed by another association "
                                + "(enrolled in one of its centres): your association keeps read access to the history it "
                                + "recorded, but changes are made by the association that follows the learner now.");
                    }
                }).replaceWithVoid();
    }

    /**
     * Inside the caller's transaction: staff register learners only for an association that exists
     * and is not dissolved (a token can name an association that was never registered).
     */
    public Uni<Void> requireActiveAssociation(AccessScope scope) {
        UUID association = scope.associationScope();
        if (association == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT status FROM association WHERE id = ?1")
                .setParameter(1, association).getResultList())
                .invoke(rows -> {
                    if (rows.isEmpty()) {
                        throw ApiException.forbidden("Your token names association " + association + ", which is not in "
                                + "the registry: ask an administrator to register the association or fix the token.");
                    }
                    if ("DISSOLVED".equals(rows.get(0))) {
                        throw ApiException.forbidden("Association " + association + " is DISSOLVED: it can no longer "
                                + "register learners.");
                    }
                }).replaceWithVoid();
    }
}
