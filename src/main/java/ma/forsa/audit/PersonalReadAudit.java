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
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

/**
 * Accounts for reads of learners' personal fields: one READ_PERSONAL event per learner per request
 * (not per field, not per resolver batch), written with the events of the other requests reading at the same moment
 * ({@link ReadAuditBatch}: one INSERT and one commit for them all). Only the roles whose
 * reads domain.md wants accounted for (ACADEMY_OFFICER, ADMIN) are recorded; an officer's read made under an access
 * grant names the grant ({@code changes.grantId}).
 *
 * <p>Called where learners are turned into what the caller sees ({@code learner/LearnerView}) and where an
 * enrollment's exit reason is shown, before the values are served; a failed insert fails the read, so personal data
 * is never served unaccounted for.
 */
@RequestScoped
public class PersonalReadAudit {

    static final Set<Role> AUDITED_ROLES = Set.of(Role.ACADEMY_OFFICER, Role.ADMIN);

    private final ReadAuditBatch batch;
    /** Each learner recorded in this request, with the insert that records it (shared by every later reader). */
    private final Map<UUID, Uni<Void>> recorded = new HashMap<>();

    @Inject
    public PersonalReadAudit(ReadAuditBatch batch) {
        this.batch = batch;
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
     * One event per learner; a read under an access grant (break the glass) carries the grant's id (changes.grantId).
     * Written with the events of the requests reading at the same moment ({@link ReadAuditBatch}).
     */
    private Uni<Void> insert(AccessScope scope, List<UUID> fresh) {
        List<ReadAuditBatch.Event> events = fresh.stream().map(id -> {
            UUID grant = scope.identityGrant(id);
            return new ReadAuditBatch.Event(scope.subject(), scope.role().name(), id.toString(),
                    grant == null ? null : grant.toString(), scope.requestId());
        }).toList();
        return batch.append(events)
                .onFailure().invoke(failure -> {
                    synchronized (recorded) {
                        fresh.forEach(recorded::remove);
                    }
                })
                .memoize().indefinitely();
    }
}
