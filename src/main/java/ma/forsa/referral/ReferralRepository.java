package ma.forsa.referral;

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
import io.vertx.core.json.JsonObject;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.common.db.Sql.Fragment;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.enrollment.Enrollment;
import ma.forsa.enrollment.EnrollmentStatus;
import ma.forsa.learner.LearnerRow;
import ma.forsa.security.AccessScope;
import ma.forsa.security.LearnerWrites;
import ma.forsa.security.ScopeSql;

/**
 * The referral table: proposals and answers (Panache), and the referrals the caller sees: those whose sending or
 * receiving centre is in its scope.
 */
@ApplicationScoped
public class ReferralRepository implements PanacheRepositoryBase<ReferralEntity, UUID> {

    static final Keyset NEWEST_FIRST = Keyset.descending("referral", "r", "r.created_at");

    private final Db db;

    @Inject
    public ReferralRepository(Db db) {
        this.db = db;
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The referrals the caller sees, on {@code FROM referral r}: sent from or received in one of its centres. */
    static Fragment visible(AccessScope scope) {
        if (!scope.seesLearners()) {
            return Fragment.of("false");
        }
        Fragment from = ScopeSql.centerIds(scope, "r.from_center_id");
        return from.isTrue() ? Fragment.TRUE : from.or(ScopeSql.centerIds(scope, "r.to_center_id"));
    }

    private static Sql filtered(AccessScope scope, ReferralFilter filter, Fragment head, Instant now) {
        Sql sql = Sql.select(head).where(visible(scope));
        if (filter != null && filter.direction() != null) {
            sql.where(ScopeSql.centerIds(scope, filter.direction() == ReferralDirection.OUTGOING ? "r.from_center_id"
                    : "r.to_center_id"));
        }
        if (filter != null && filter.status() != null && !filter.status().isEmpty()) {
            sql.where(ReferralRules.effectiveStatusSql(at(now)).plus(" = ANY(?)",
                    (Object) filter.status().stream().map(Enum::name).toArray(String[]::new)));
        }
        return sql;
    }

    public Uni<List<Referral>> page(AccessScope scope, ReferralFilter filter, PageRequest page, Instant now) {
        Fragment head = Fragment.of("SELECT ").plus(Referral.columns(scope, at(now))).plus(Referral.JOINS);
        return db.list(NEWEST_FIRST.page(filtered(scope, filter, head, now), page), Referral::from);
    }

    public Uni<Integer> count(AccessScope scope, ReferralFilter filter, Instant now) {
        return db.count(filtered(scope, filter, Fragment.of("SELECT count(*) FROM referral r"), now));
    }

    public Uni<Referral> byId(AccessScope scope, UUID id, Instant now) {
        return db.one(Sql.select(Fragment.of("SELECT ").plus(Referral.columns(scope, at(now))).plus(Referral.JOINS))
                .where("r.id = ?", id).where(visible(scope)), Referral::from);
    }

    /** The learners of referrals, when in the caller's scope (the receiving side's only once it accepted). */
    public Uni<Map<UUID, LearnerRow>> learners(AccessScope scope, Collection<UUID> ids) {
        return db.list(Sql.select("SELECT " + LearnerRow.COLUMNS + " FROM learner l")
                .where("l.id = ANY(?)", (Object) ids.stream().distinct().toArray(UUID[]::new))
                .where(ScopeSql.learner(scope, "l")), LearnerRow::from).map(rows -> {
                    Map<UUID, LearnerRow> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.id(), r));
                    return out;
                });
    }

    /** Enrollments of referrals, when in the caller's scope. */
    public Uni<Map<UUID, Enrollment>> enrollments(AccessScope scope, Collection<UUID> ids) {
        return db.list(Sql.select("SELECT " + Enrollment.COLUMNS + " FROM enrollment e")
                .where("e.id = ANY(?)", (Object) ids.stream().distinct().toArray(UUID[]::new))
                .where(ScopeSql.enrollments(scope, "e")), Enrollment::from).map(rows -> {
                    Map<UUID, Enrollment> out = new HashMap<>();
                    rows.forEach(e -> out.put(e.uuid(), e));
                    return out;
                });
    }

    // ---------------------------------------------------------------- inside write transactions

    /** The enrollment a proposal moves, under its row lock then the learner's, as the caller may act on it. */
    public record Source(UUID enrollmentId, UUID learnerId, UUID centerId, boolean visible, LearnerWrites.Target learner,
            ReferralRules.From facts) {
    }

    public Uni<Source> lockSource(AccessScope scope, UUID enrollmentId) {
        return db.oneInTx(Sql.select(Fragment.of("SELECT e.id, e.learner_id, e.center_id, e.status, e.enrolled_on, e.school_year, "
                + "c.association_id, " + ReferralRules.sharingSql("l") + " AS sharing, ").plus(ScopeSql.enrollments(scope, "e"))
                .plus(" AS enrollment_visible, ").plus(LearnerWrites.columns(scope, "l"))
                .plus(" FROM enrollment e JOIN center c ON c.id = e.center_id JOIN learner l ON l.id = e.learner_id"))
                .where("e.id = ?", enrollmentId).then(" FOR UPDATE OF e, l"),
                r -> new Source(r.uuid("id"), r.uuid("learner_id"), r.uuid("center_id"), r.flag("enrollment_visible"),
                        new LearnerWrites.Target(r.flag("visible"), r.flag("writable"), r.flag("anonymised")),
                        new ReferralRules.From(EnrollmentStatus.valueOf(r.string("status")), r.date("enrolled_on"),
                                r.string("school_year"), r.uuid("association_id"), r.flag("sharing"))));
    }

    /** The centre holding a code, whichever association runs it (a referral goes to another association's centre). */
    public Uni<ReferralRules.To> centerByCode(String code) {
        return db.oneInTx(Sql.of("SELECT c.id, c.status, c.association_id FROM center c WHERE c.code = ?", code),
                r -> new ReferralRules.To(r.uuid("id"), r.string("status"), r.uuid("association_id")))
                .map(to -> to == null ? new ReferralRules.To(null, null, null) : to);
    }

    /** The open proposal of an enrollment, if any (expired ones were closed first). */
    public Uni<UUID> openProposal(UUID enrollmentId) {
        return db.oneInTx(Sql.of("SELECT r.id FROM referral r WHERE r.from_enrollment_id = ? AND r.status = 'PROPOSED'",
                enrollmentId), r -> r.uuid("id"));
    }

    /** A referral under its row lock: whether the caller sees it, is on its receiving side, and consent to sharing. */
    public record Target(boolean visible, boolean receiving, boolean sharingInForce) {
    }

    public Uni<Target> lock(AccessScope scope, UUID id) {
        return db.oneInTx(Sql.select(Fragment.of("SELECT ").plus(visible(scope)).plus(" AS visible, ")
                .plus(ScopeSql.centerIds(scope, "r.to_center_id")).plus(" AS receiving, " + ReferralRules.sharingSql("l")
                        + " AS sharing FROM referral r JOIN learner l ON l.id = r.learner_id"))
                .where("r.id = ?", id).then(" FOR UPDATE OF r"),
                r -> new Target(r.flag("visible"), r.flag("receiving"), r.flag("sharing")));
    }

    // ---------------------------------------------------------------- expiry (set-based)

    /**
     * Records as EXPIRED the proposals past their expiry ({@code enrollmentId}: of that enrollment only, else a batch
     * of at most {@code limit}), each with a TRANSITION audit event under {@code scope}; their ids. On the given
     * connection (a job's transaction) or, when null, on the current transaction's session.
     */
    Uni<List<UUID>> expire(Db.Connection tx, AccessScope scope, Instant now, UUID enrollmentId, int limit) {
        Sql select = Sql.select("SELECT r.id FROM referral r").where("r.status = 'PROPOSED'")
                .where("r.expires_at <= ?", at(now));
        if (enrollmentId != null) {
            select.where("r.from_enrollment_id = ?", enrollmentId);
        }
        select.then(" ORDER BY r.expires_at, r.id LIMIT ? FOR UPDATE SKIP LOCKED", limit);
        Sql update = Sql.select(Fragment.of("UPDATE referral SET status = 'EXPIRED', decided_at = ?, updated_at = ?, "
                + "version = version + 1 WHERE id IN (", at(now), at(now)).plus(select.fragment()).plus(") RETURNING id"));
        JsonObject changes = new JsonObject().put("status", new JsonObject().put("old", "PROPOSED").put("new", "EXPIRED"));
        if (tx != null) {
            return tx.list(update, r -> r.uuid("id")).call(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                    : tx.update(auditExpired(scope, ids, changes)).replaceWithVoid());
        }
        return db.listInTx(update, r -> r.uuid("id")).call(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                : db.executeInTx(auditExpired(scope, ids, changes)).replaceWithVoid());
    }

    private static Sql auditExpired(AccessScope scope, List<UUID> ids, JsonObject changes) {
        return Sql.of("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes, request_id) "
                + "SELECT ?, ?, 'TRANSITION', 'Referral', CAST(id AS varchar), CAST(? AS jsonb), ? FROM unnest(CAST(? AS uuid[])) AS id",
                scope.subject(), scope.role().name(), changes.encode(), scope.requestId(), ids.toArray(UUID[]::new));
    }
}
