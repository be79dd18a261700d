package ma.forsa.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

/**
 * Break the glass: the live access grants of an ACADEMY_OFFICER (learner id to grant id, the grant that lasts longest),
 * read once per request by {@link AccessResolver} into {@link AccessScope#identityGrants}, so that every decision on
 * a learner's identity ({@link PersonalData#seesIdentity(AccessScope, UUID)}) is taken in memory, never by a query per
 * row. The grants are written by the grant feature (grant/); a grant binds the officer's subject and academy.
 */
public final class IdentityGrants {

    /** More live grants than an officer can use; beyond it the oldest are ignored (it asks again). */
    static final int MAX_LIVE = 5_000;

    private IdentityGrants() {
    }

    /** The live grants of an officer ({@code subject} in {@code academy}) at {@code now}. */
    public static Uni<Map<UUID, UUID>> live(Db db, String subject, String academy, Instant now) {
        return db.list(Sql.of("SELECT DISTINCT ON (g.learner_id) g.learner_id, g.id FROM access_grant g "
                + "WHERE g.officer_subject = ? AND g.academy_code = ? AND g.expires_at > ? "
                + "ORDER BY g.learner_id, g.expires_at DESC LIMIT ?", subject, academy,
                now.atOffset(java.time.ZoneOffset.UTC), MAX_LIVE), r -> Map.entry(r.uuid("learner_id"), r.uuid("id")))
                .map(entries -> {
                    Map<UUID, UUID> grants = new HashMap<>();
                    entries.forEach(e -> grants.put(e.getKey(), e.getValue()));
                    return grants;
                });
    }
}
