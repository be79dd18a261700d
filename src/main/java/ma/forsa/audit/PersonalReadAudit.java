package ma.forsa.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

/**
 * Accounts for reads of learners' personal fields: one READ_PERSONAL event per learner per request
 * (not per field, not per resolver batch), written in one INSERT per call. Only the roles whose
 * reads domain.md wants accounted for (ACADEMY_OFFICER, ADMIN) are recorded.
 *
 * <p>Call it from the resolvers of personal fields, before returning the values:
 * {@code return personalReadAudit.recordRead(scope, ids).replaceWith(values)}. A failed insert fails
 * the read: personal data is not served unaccounted for.
 */
@RequestScoped
public class PersonalReadAudit {

    static final Set<Role> AUDITED_ROLES = Set.of(Role.ACADEMY_OFFICER, Role.ADMIN);

    private final Pool pool;
    private final Set<UUID> recorded = ConcurrentHashMap.newKeySet();

    @Inject
    public PersonalReadAudit(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> recordRead(AccessScope scope, Collection<UUID> learnerIds) {
        if (!AUDITED_ROLES.contains(scope.role()) || learnerIds == null || learnerIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> fresh = new ArrayList<>();
        for (UUID id : learnerIds) {
            // add() is atomic: concurrent resolvers of one request never record a learner twice
            if (id != null && recorded.add(id)) {
                fresh.add(id.toString());
            }
        }
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("INSERT INTO audit_event (subject, role, action, entity, entity_id, request_id) "
                + "SELECT $1, $2, 'READ_PERSONAL', 'Learner', id, $3 FROM unnest($4::varchar[]) AS id")
                .execute(Tuple.of(scope.subject(), scope.role().name(), scope.requestId(), fresh.toArray(String[]::new)))
                .onFailure().invoke(failure -> fresh.forEach(id -> recorded.remove(UUID.fromString(id))))
                .replaceWithVoid();
    }
}
