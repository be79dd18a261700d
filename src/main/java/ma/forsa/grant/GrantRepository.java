package ma.forsa.grant;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.learner.LearnerRow;
import ma.forsa.security.AccessScope;
import ma.forsa.security.ScopeSql;

/** The access_grant table: grants made (Panache) and ADMIN's reads of them, with the personal reads made under each. */
@ApplicationScoped
public class GrantRepository implements PanacheRepositoryBase<AccessGrantEntity, UUID> {

    static final Keyset NEWEST_FIRST = Keyset.descending("access_grant", "g", "g.granted_at");
    /** Officers listed at most by accessGrantsByOfficer. */
    static final int MAX_OFFICERS = 1000;

    private final Db db;

    @Inject
    public GrantRepository(Db db) {
        this.db = db;
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Sql filtered(String head, Object now, String officer) {
        Sql sql = now == null ? Sql.select(head) : Sql.select(head, now);
        if (officer != null) {
            sql.where("g.officer_subject = ?", officer);
        }
        return sql;
    }

    public Uni<List<AccessGrant>> page(String officer, PageRequest page, Instant now) {
        return db.list(NEWEST_FIRST.page(filtered("SELECT " + AccessGrant.COLUMNS + " FROM access_grant g", at(now), officer),
                page), AccessGrant::from);
    }

    public Uni<Integer> count(String officer) {
        return db.count(filtered("SELECT count(*) FROM access_grant g", null, officer));
    }

    public Uni<List<OfficerAccessGrants>> byOfficer(Instant now) {
        return db.list(Sql.of("SELECT g.officer_subject, g.academy_code, count(*) AS grants, "
                + "count(*) FILTER (WHERE g.expires_at > ?) AS live, count(DISTINCT g.learner_id) AS learners, "
                + "max(g.granted_at) AS last_granted_at, coalesce(sum(rd.n), 0) AS reads FROM access_grant g "
                + "LEFT JOIN LATERAL (SELECT count(*) AS n FROM audit_event a WHERE a.action = 'READ_PERSONAL' "
                + "AND a.changes IS NOT NULL AND (a.changes ->> 'grantId') = g.id::varchar) rd ON true "
                + "GROUP BY g.officer_subject, g.academy_code ORDER BY count(*) DESC, g.officer_subject, g.academy_code LIMIT ?",
                at(now), MAX_OFFICERS), OfficerAccessGrants::from);
    }

    /** The learners of grants, as the caller may see them (masked by learner/LearnerView). */
    public Uni<Map<UUID, LearnerRow>> learners(AccessScope scope, Collection<UUID> ids) {
        return db.list(Sql.select("SELECT " + LearnerRow.COLUMNS + " FROM learner l")
                .where("l.id = ANY(?)", (Object) ids.stream().distinct().toArray(UUID[]::new))
                .where(ScopeSql.learner(scope, "l")), LearnerRow::from).map(rows -> {
                    Map<UUID, LearnerRow> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.id(), r));
                    return out;
                });
    }

    // ---------------------------------------------------------------- inside write transactions

    /** Whether the learner exists in the caller's sight (null when not), and whether it was anonymised. */
    public Uni<Boolean> anonymisedInTx(AccessScope scope, UUID learnerId) {
        return db.oneInTx(Sql.select("SELECT l.anonymised_at IS NOT NULL AS anonymised FROM learner l").where("l.id = ?", learnerId)
                .where(ScopeSql.learner(scope, "l")), r -> r.flag("anonymised"));
    }
}
