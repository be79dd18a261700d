package ma.forsa.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

/**
 * Accounts for reads of learners' personal fields: one READ_PERSONAL event per learner per request
 * (not per field, not per resolver batch), written in one INSERT per call. Only the roles whose
 * reads domain.md wants accounted for (ACADEMY_OFFICER, ADMIN) are recorded; an officer's read made under an access
 * grant names the grant ({@code changes.grantId}).
 *
 * <p>Called where learners are turned into what the caller sees ({@code learner/LearnerView}) and where an
 * enrollment's exit reason is shown, before the values are served; a failed insert fails the read, so personal data
 * is never served unaccounted for.
 */
@RequestScoped
public class PersonalReadAudit {

    /** The one shape of a READ_PERSONAL event, for both ways of writing it. */
    private static final String INSERT = "INSERT INTO audit_event (subject, role, action, entity, entity_id, changes, request_id) ";

    static final Set<Role> AUDITED_ROLES = Set.of(Role.ACADEMY_OFFICER, Role.ADMIN);

    private final Db db;
    /** Each learner recorded in this request, with the insert that records it (shared by every later reader). */
    private final Map<UUID, Uni<Void>> recorded = new HashMap<>();

    @Inject
    public PersonalReadAudit(Db db) {
        this.db = db;
    }

    public Uni<Void> recordRead(AccessScope scope, Collection<UUID> learnerIds) {
        if (!AUDITED_ROLES.contains(scope.role()) || learnerIds == null || learnerIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> ids = List.copyOf(learnerIds.stream().filter(java.util.Objects::nonNull).toList());
        // deferred: learners count as recorded only once the caller subscribes (i.e. really serves the data)
        return Uni.createFrom().deferred(() -> insertFresh(scope, ids));
    }

    private Uni<Void> insertFresh(AccessScope scope, List<UUID> learnerIds) {
        List<UUID> fresh = new ArrayList<>();
        Set<Uni<Void>> waitFor = new LinkedHashSet<>();
        Uni<Void> insert;
        synchronized (recorded) {
            for (UUID id : learnerIds) {
                Uni<Void> earlier = recorded.get(id);
                if (earlier != null) {
                    waitFor.add(earlier); // another resolver of this request is recording it: serve once it is written
                } else if (!fresh.contains(id)) {
                    fresh.add(id);
                }
            }
            insert = fresh.isEmpty() ? null : insert(scope, fresh);
            if (insert != null) {
                fresh.forEach(id -> recorded.put(id, insert));
                waitFor.add(insert);
            }
        }
        if (waitFor.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(List.copyOf(waitFor)).andFailFast().replaceWithVoid();
    }

    /**
     * The READ_PERSONAL insert for one learner taken from {@code source} (a CTE holding the caller's scoped read of it),
     * for a look-up that reads and records in ONE statement ({@code WITH r AS (read), a AS (this) SELECT … FROM r}):
     * the event exists exactly when the learner was found, and the statement fails as a whole if it cannot be written.
     * Null when the caller's reads are not accounted for. Call {@link #recordedWithRead} once the statement succeeded.
     */
    public Sql.Fragment insertWithRead(AccessScope scope, UUID learnerId, String source) {
        if (!AUDITED_ROLES.contains(scope.role())) {
            return null;
        }
        UUID grant = scope.identityGrant(learnerId);
        return Sql.Fragment.of(INSERT
                + "SELECT ?, ?, 'READ_PERSONAL', 'Learner', " + source + ".id::varchar, "
                + (grant == null ? "NULL" : "jsonb_build_object('grantId', ?::varchar)") + ", ? FROM " + source,
                grant == null ? new Object[] {scope.subject(), scope.role().name(), scope.requestId()}
                        : new Object[] {scope.subject(), scope.role().name(), grant.toString(), scope.requestId()});
    }

    /**
     * Makes {@code read} (a statement carrying {@link #insertWithRead}) this request's recording of the learner: readers of
     * the same learner in this request, concurrent or later, wait for it instead of inserting. Null when the learner is
     * already being recorded (the caller reads the plain way, and is served once that recording is written).
     */
    public <T> Uni<T> recordWithRead(UUID learnerId, Uni<T> read) {
        synchronized (recorded) {
            if (recorded.containsKey(learnerId)) {
                return null;
            }
            Uni<T> shared = read.onFailure().invoke(failure -> {
                synchronized (recorded) {
                    recorded.remove(learnerId);
                }
            }).memoize().indefinitely();
            recorded.put(learnerId, shared.replaceWithVoid());
            return shared;
        }
    }

    /** One event per learner; a read under an access grant (break the glass) carries the grant's id (changes.grantId). */
    private Uni<Void> insert(AccessScope scope, List<UUID> fresh) {
        String[] grants = fresh.stream().map(id -> scope.identityGrant(id) == null ? null : scope.identityGrant(id).toString())
                .toArray(String[]::new);
        return db.write(Sql.of(INSERT
                + "SELECT ?, ?, 'READ_PERSONAL', 'Learner', r.id, CASE WHEN r.grant_id IS NULL THEN NULL "
                + "ELSE jsonb_build_object('grantId', r.grant_id) END, ? FROM unnest(?::varchar[], ?::varchar[]) AS r(id, grant_id)",
                scope.subject(), scope.role().name(), scope.requestId(), fresh.stream().map(UUID::toString).toArray(String[]::new),
                grants))
                .onFailure().invoke(failure -> {
                    synchronized (recorded) {
                        fresh.forEach(recorded::remove);
                    }
                })
                .replaceWithVoid()
                .memoize().indefinitely();
    }
}
