package ma.forsa.enrollment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import ma.forsa.agreement.Agreement;
import ma.forsa.center.Center;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.DbRow;
import ma.forsa.common.db.Sql;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.learner.LearnerRow;
import ma.forsa.security.AccessScope;
import ma.forsa.security.LearnerWrites;
import ma.forsa.security.ScopeSql;

/** The enrollment table: entity writes (Panache) and reads, each one statement for a whole batch of parents. */
@ApplicationScoped
public class EnrollmentRepository implements PanacheRepositoryBase<EnrollmentEntity, UUID> {

    static final Keyset NEWEST_FIRST = Keyset.descending("enrollment", "e", "e.enrolled_on");
    private static final String SELECT = "SELECT " + Enrollment.COLUMNS + " FROM enrollment e";

    private final Db db;

    @Inject
    public EnrollmentRepository(Db db) {
        this.db = db;
    }

    /** The enrollments the caller sees of each learner, oldest first. */
    public Uni<Map<UUID, List<Enrollment>>> byLearners(AccessScope scope, Collection<UUID> learnerIds) {
        return db.list(ofLearners(Sql.select(SELECT), scope, learnerIds), Enrollment::from)
                .map(list -> group(list, Enrollment::learnerId));
    }

    /** An enrollment read with its centre (the document selects {@code Enrollment.center}: one statement for both). */
    public record WithCenter(Enrollment enrollment, Center center) {
        static WithCenter from(DbRow r) {
            return new WithCenter(Enrollment.from(r), Center.from(r.prefixed("c_")));
        }
    }

    /** As {@link #byLearners}, each enrollment with its centre joined. */
    public Uni<Map<UUID, List<WithCenter>>> byLearnersWithCenter(AccessScope scope, Collection<UUID> learnerIds) {
        Sql select = Sql.select("SELECT " + Enrollment.COLUMNS + ", " + Center.columns("c_")
                + " FROM enrollment e JOIN center c ON c.id = e.center_id");
        return db.list(ofLearners(select, scope, learnerIds), WithCenter::from)
                .map(list -> group(list, w -> w.enrollment().learnerId()));
    }

    private static Sql ofLearners(Sql select, AccessScope scope, Collection<UUID> learnerIds) {
        return select.where("e.learner_id = ANY(?)", (Object) ids(learnerIds)).where(ScopeSql.enrollments(scope, "e"))
                .then(" ORDER BY e.enrolled_on, e.created_at, e.id");
    }

    /** Enrollments by id, for children (outcomes) whose visibility was already checked. */
    public Uni<Map<UUID, Enrollment>> byIds(Collection<UUID> ids) {
        return db.list(Sql.select(SELECT).where("e.id = ANY(?)", (Object) ids(ids)), Enrollment::from).map(list -> {
            Map<UUID, Enrollment> out = new HashMap<>();
            list.forEach(e -> out.put(e.uuid(), e));
            return out;
        });
    }

    /**
     * One page of each centre's enrollments, newest first, in one statement for the whole batch: for each centre, its
     * first rows in enrollment_center_list_idx's order (centre, newest first), stopping at the page's size. The same
     * first/after/filter apply to every centre. (Ranking every enrollment of the batch's centres and keeping the first of
     * each read and sorted 39,677 rows for 20 large centres: 110 ms, or a sequential scan of the table.)
     */
    public Uni<Map<UUID, List<Enrollment>>> pageByCenters(AccessScope scope, Collection<UUID> centerIds, PageRequest page,
            EnrollmentFilter filter) {
        Sql inner = NEWEST_FIRST.page(conditions(scope, filter, Sql.select(SELECT).where("e.center_id = pc.id")), page);
        Sql sql = Sql.select(Sql.Fragment.of("SELECT p.* FROM (SELECT DISTINCT unnest(?::uuid[]) AS id) pc CROSS JOIN LATERAL (",
                (Object) ids(centerIds)).plus(inner.fragment()).plus(") p ORDER BY p.center_id, p.enrolled_on DESC, p.id DESC"));
        return db.list(sql, Enrollment::from).map(list -> group(list, Enrollment::centerId));
    }

    /** How many enrollments of each centre the caller sees with this filter. */
    public Uni<Map<UUID, Integer>> countByCenters(AccessScope scope, Collection<UUID> centerIds, EnrollmentFilter filter) {
        return db.list(filtered(scope, centerIds, filter, "SELECT e.center_id, count(*) AS n FROM enrollment e")
                .then(" GROUP BY e.center_id"), r -> Map.entry(r.uuid("center_id"), r.count("n"))).map(entries -> {
                    Map<UUID, Integer> out = new HashMap<>();
                    entries.forEach(e -> out.put(e.getKey(), e.getValue()));
                    return out;
                });
    }

    private static Sql filtered(AccessScope scope, Collection<UUID> centerIds, EnrollmentFilter filter, String head) {
        return conditions(scope, filter, Sql.select(head).where("e.center_id = ANY(?)", (Object) ids(centerIds)));
    }

    /** The caller's scope and the filter's conditions on enrollment {@code e}, added to {@code sql}. */
    private static Sql conditions(AccessScope scope, EnrollmentFilter filter, Sql sql) {
        sql.where(ScopeSql.enrollments(scope, "e"));
        if (filter != null && filter.schoolYear() != null) {
            SchoolYears.firstYear(filter.schoolYear(), "schoolYear");
            sql.where("e.school_year = ?", filter.schoolYear().strip());
        }
        if (filter != null && filter.status() != null && !filter.status().isEmpty()) {
            sql.where("e.status = ANY(?)", (Object) filter.status().stream().map(Enum::name).toArray(String[]::new));
        }
        return sql;
    }

    /** The learners of enrollments the caller sees (an enrollment the caller sees belongs to a learner it sees). */
    public Uni<Map<UUID, LearnerRow>> learners(Collection<UUID> learnerIds) {
        return db.list(Sql.select("SELECT " + LearnerRow.COLUMNS + " FROM learner l").where("l.id = ANY(?)",
                (Object) ids(learnerIds)), LearnerRow::from).map(list -> {
                    Map<UUID, LearnerRow> out = new HashMap<>();
                    list.forEach(l -> out.put(l.id(), l));
                    return out;
                });
    }

    /** The association following each learner (for who reads exit reasons). */
    public Uni<Map<UUID, UUID>> followers(Collection<UUID> learnerIds) {
        return db.list(Sql.select("SELECT l.id, " + ScopeSql.follower("l") + " AS follower FROM learner l")
                .where("l.id = ANY(?)", (Object) ids(learnerIds)), r -> Map.entry(r.uuid("id"), r.uuid("follower")))
                .map(entries -> {
                    Map<UUID, UUID> out = new HashMap<>();
                    entries.forEach(e -> out.put(e.getKey(), e.getValue()));
                    return out;
                });
    }

    public Uni<List<Center>> centers(Collection<UUID> centerIds) {
        return db.list(Sql.select("SELECT " + Center.COLUMNS + " FROM center c").where("c.id = ANY(?)",
                (Object) ids(centerIds)), Center::from);
    }

    public Uni<List<Agreement>> agreements(Collection<UUID> agreementIds, LocalDate today) {
        return db.list(Sql.select(Sql.Fragment.of("SELECT ").plus(Agreement.columns(today)).plus(" FROM agreement g"))
                .where("g.id = ANY(?)", (Object) ids(agreementIds)), Agreement::from);
    }

    // ---------------------------------------------------------------- inside write transactions

    /** The learner as the rules need it, its row locked (serialises concurrent enrollments of one learner). */
    public Uni<EnrollmentRules.LearnerFacts> learnerFacts(UUID learnerId) {
        return db.oneInTx(Sql.select("SELECT l.birth_date, l.anonymised_at IS NOT NULL AS anonymised, (SELECT o.id FROM "
                + "enrollment o WHERE o.learner_id = l.id AND o.status IN ('ENROLLED', 'ACTIVE') LIMIT 1) AS open_enrollment "
                + "FROM learner l").where("l.id = ?", learnerId).then(" FOR UPDATE OF l"),
                r -> new EnrollmentRules.LearnerFacts(r.date("birth_date"), r.flag("anonymised"), r.uuid("open_enrollment")));
    }

    /** The centre, if the caller sees it, under its row lock (serialises capacity checks), with its open enrollments. */
    public Uni<EnrollmentRules.CenterFacts> lockCenter(AccessScope scope, UUID centerId) {
        return db.oneInTx(Sql.select("SELECT c.id, c.code, c.status, c.capacity FROM center c").where("c.id = ?", centerId)
                .where(ScopeSql.centers(scope, "c")).then(" FOR UPDATE"), r -> r).chain(r -> {
                    if (r == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return db.countInTx(Sql.of("SELECT open AS n FROM center_open_enrollments(?)",
                            (Object) new UUID[] { centerId }))
                            .map(open -> new EnrollmentRules.CenterFacts(r.uuid("id"), r.string("code"),
                                    ma.forsa.center.CenterStatus.valueOf(r.string("status")),
                                    r.integer("capacity"), open));
                });
    }

    private static final String AGREEMENT_FACTS = "SELECT g.id, g.reference, g.status, g.starts_on, g.ends_on, EXISTS "
            + "(SELECT 1 FROM agreement_center ac WHERE ac.agreement_id = g.id AND ac.center_id = ?) AS covers FROM agreement g";

    /** The agreement the caller named, when it sees it; null otherwise. */
    public Uni<EnrollmentRules.AgreementFacts> namedAgreement(AccessScope scope, UUID agreementId, UUID centerId) {
        return db.oneInTx(Sql.select(AGREEMENT_FACTS, centerId).where("g.id = ?", agreementId)
                .where(ScopeSql.agreements(scope, "g")), EnrollmentRules::agreementFactsOf);
    }

    /** The agreements covering the centre. */
    public Uni<List<EnrollmentRules.AgreementFacts>> coveringAgreements(UUID centerId) {
        return db.listInTx(Sql.select(AGREEMENT_FACTS, centerId)
                .where("g.id IN (SELECT ac.agreement_id FROM agreement_center ac WHERE ac.center_id = ?)", centerId),
                EnrollmentRules::agreementFactsOf);
    }

    /** Locks the learner's row and says where it stands for a write by the caller; null when it does not exist. */
    public Uni<LearnerWrites.Target> lockLearnerForWrite(AccessScope scope, UUID learnerId) {
        return db.oneInTx(Sql.select(Sql.Fragment.of("SELECT ").plus(LearnerWrites.columns(scope, "l")).plus(" FROM learner l"))
                .where("l.id = ?", learnerId).then(" FOR UPDATE OF l"),
                r -> new LearnerWrites.Target(r.flag("visible"), r.flag("writable"), r.flag("anonymised")));
    }

    /** Locks an enrollment's row (whoever may move it was decided by the caller). */
    public Uni<Void> lockRow(UUID id) {
        return db.listInTx(Sql.of("SELECT e.id FROM enrollment e WHERE e.id = ? FOR UPDATE", id), r -> r.uuid("id"))
                .replaceWithVoid();
    }

    /** Where an enrollment stands for a write by the caller. */
    public record WriteTarget(boolean visible, boolean anonymised) {
    }

    /** Locks the enrollment's row; whether the caller may change it (its centre is the caller's); null when missing. */
    public Uni<WriteTarget> lockForWrite(AccessScope scope, UUID id) {
        return db.oneInTx(Sql.select(Sql.Fragment.of("SELECT ").plus(ScopeSql.enrollments(scope, "e")).plus(" AS visible, "
                + "(SELECT l.anonymised_at IS NOT NULL FROM learner l WHERE l.id = e.learner_id) AS anonymised FROM enrollment e"))
                .where("e.id = ?", id).then(" FOR UPDATE OF e"), r -> new WriteTarget(r.flag("visible"), r.flag("anonymised")));
    }

    static UUID[] ids(Collection<UUID> ids) {
        return ids.stream().distinct().toArray(UUID[]::new);
    }

    static <T> Map<UUID, List<T>> group(List<T> list, java.util.function.Function<T, UUID> key) {
        Map<UUID, List<T>> out = new HashMap<>();
        list.forEach(t -> out.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t));
        return out;
    }

    /** Whether the caller sees the centre (a subscription to a centre it does not see is NOT_FOUND). */
    public Uni<Boolean> seesCenter(AccessScope scope, UUID centerId) {
        return db.list(Sql.select("SELECT c.id FROM center c").where("c.id = ?", centerId).where(ScopeSql.centers(scope, "c")),
                r -> r.uuid("id")).map(found -> !found.isEmpty());
    }

    /** The learner of an enrollment the caller sees, or null (the scoped read of an announced change). */
    public Uni<UUID> visibleLearner(AccessScope scope, UUID enrollmentId) {
        return db.list(Sql.select("SELECT e.learner_id FROM enrollment e").where("e.id = ?", enrollmentId)
                .where(ScopeSql.enrollments(scope, "e")), r -> r.uuid("learner_id")).map(found -> found.isEmpty() ? null : found.get(0));
    }
}
