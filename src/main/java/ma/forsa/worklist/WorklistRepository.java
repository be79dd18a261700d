package ma.forsa.worklist;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import ma.forsa.agreement.Agreement;
import ma.forsa.agreement.Tranche;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.DbRow;
import ma.forsa.common.db.Sql;
import ma.forsa.common.db.Sql.Fragment;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.enrollment.Enrollment;
import ma.forsa.security.AccessScope;
import ma.forsa.security.PersonalData;
import ma.forsa.security.ScopeSql;

/**
 * The worklist's SQL. Each kind is one set of items {@code (id, due_on, ...)} in the caller's scope (an {@code items}
 * CTE), paged by the common keyset pager on {@code (due_on, id)}: a follow-up's id is derived from its enrollment and
 * month (md5, stable across requests), the others are the enrollment's or tranche's id.
 */
@ApplicationScoped
public class WorklistRepository {

    static final Keyset DUE_FIRST = Keyset.ascending("items", "w", "w.due_on");
    static final Keyset DUE_LAST = Keyset.descending("items", "w", "w.due_on");

    private final Db db;

    @Inject
    public WorklistRepository(Db db) {
        this.db = db;
    }

    /** What a list needs: the caller, today, the windows, the maximum age and the filter. */
    record Query(AccessScope scope, LocalDate today, WorklistRules.Windows windows, int maxAge, UUID centerId,
            UUID associationId) {
    }

    // ---------------------------------------------------------------- the items of each kind

    /** Enrollments the caller sees, narrowed by the filter, on {@code FROM enrollment e}. */
    private static Fragment enrollments(Query q) {
        Fragment f = ScopeSql.enrollments(q.scope(), "e").and(Fragment.of("NOT EXISTS (SELECT 1 FROM learner la WHERE la.id = "
                + "e.learner_id AND la.anonymised_at IS NOT NULL)"));
        if (q.centerId() != null) {
            f = f.and(Fragment.of("e.center_id = ?", q.centerId()));
        }
        if (q.associationId() != null) {
            f = f.and(Fragment.of("e.center_id IN (SELECT fc.id FROM center fc WHERE fc.association_id = ?)", q.associationId()));
        }
        return f;
    }

    /** Follow-ups due in {@code dueOn} without an outcome for their month. */
    private static Fragment followUps(Query q, WorklistRules.Range dueOn) {
        WorklistRules.Range exits = WorklistRules.exitsFor(dueOn);
        return Fragment.of("SELECT CAST(md5(CAST(e.id AS varchar) || ':' || m.month) AS uuid) AS id, e.id AS enrollment_id, "
                + "m.month AS follow_up_month, CAST(e.exited_on + make_interval(months => m.month) AS date) AS due_on "
                + "FROM enrollment e CROSS JOIN (VALUES (3), (6), (12)) AS m(month) "
                + "WHERE e.status IN ('COMPLETED', 'DROPPED_OUT') AND e.exited_on BETWEEN ? AND ? "
                + "AND CAST(e.exited_on + make_interval(months => m.month) AS date) BETWEEN ? AND ? "
                + "AND NOT EXISTS (SELECT 1 FROM outcome o WHERE o.enrollment_id = e.id AND o.follow_up_month = m.month) AND ",
                exits.from(), exits.to(), dueOn.from(), dueOn.to()).plus(enrollments(q));
    }

    private static Fragment notStarted(Query q) {
        return Fragment.of("SELECT e.id, e.id AS enrollment_id, CAST(NULL AS integer) AS follow_up_month, "
                + "e.enrolled_on + CAST(? AS integer) AS due_on FROM enrollment e WHERE e.status = 'ENROLLED' "
                + "AND e.enrolled_on < ? AND ", q.windows().notStartedDays(),
                WorklistRules.notStartedBefore(q.today(), q.windows())).plus(enrollments(q));
    }

    private static Fragment ageLimit(Query q) {
        String passes = "CAST(l.birth_date + make_interval(years => CAST(? AS integer)) AS date)";
        return Fragment.of("SELECT e.id, e.id AS enrollment_id, CAST(NULL AS integer) AS follow_up_month, " + passes
                + " AS due_on FROM enrollment e JOIN learner l ON l.id = e.learner_id WHERE e.status IN ('ENROLLED', 'ACTIVE') "
                + "AND " + passes + " <= make_date(CAST(substr(e.school_year, 1, 4) AS integer) + 1, 8, 31) AND ",
                q.maxAge() + 1, q.maxAge() + 1).plus(enrollments(q));
    }

    private static Fragment tranches(Query q) {
        WorklistRules.Range due = WorklistRules.trancheDue(q.today(), q.windows());
        Fragment f = Fragment.of("SELECT t.id, t.agreement_id, t.due_on FROM tranche t JOIN agreement g ON g.id = t.agreement_id "
                + "WHERE t.status = 'PLANNED' AND t.condition IS NOT NULL AND btrim(t.condition) <> '' AND t.due_on BETWEEN ? AND ? "
                + "AND g.status IN ('SIGNED', 'ACTIVE', 'SUSPENDED') AND ", due.from(), due.to())
                .plus(ScopeSql.agreements(q.scope(), "g"));
        if (q.centerId() != null) {
            f = f.plus(" AND g.id IN (SELECT ac.agreement_id FROM agreement_center ac WHERE ac.center_id = ?)", q.centerId());
        }
        if (q.associationId() != null) {
            f = f.plus(" AND g.association_id = ?", q.associationId());
        }
        return f;
    }

    private static Fragment items(Query q, WorklistKind kind) {
        return switch (kind) {
            case FOLLOW_UP_DUE -> followUps(q, WorklistRules.followUpDue(q.today(), q.windows()));
            case FOLLOW_UP_OVERDUE -> followUps(q, WorklistRules.followUpOverdue(q.today(), q.windows()));
            case NOT_STARTED -> notStarted(q);
            case AGE_LIMIT -> ageLimit(q);
            case TRANCHE_REPORT -> tranches(q);
        };
    }

    // ---------------------------------------------------------------- reads

    /** One page of a kind's items, in due order ({@code page.first()} rows and one more to tell whether more follow). */
    Uni<List<WorklistItem>> page(Query q, WorklistKind kind, WorklistOrder order, PageRequest page) {
        Fragment head = Fragment.of("WITH items AS (").plus(items(q, kind)).plus(") ");
        Sql sql;
        if (kind == WorklistKind.TRANCHE_REPORT) {
            sql = Sql.select(head.plus("SELECT w.due_on AS item_due_on, " + Tranche.COLUMNS
                    + " FROM items w JOIN tranche t ON t.id = w.id"));
        } else {
            sql = Sql.select(head.plus("SELECT w.id AS item_id, w.due_on AS item_due_on, w.follow_up_month, "
                    + "NOT " + PersonalData.contactWithheld("l") + " AS contact_allowed, " + Enrollment.COLUMNS
                    + " FROM items w JOIN enrollment e ON e.id = w.enrollment_id JOIN learner l ON l.id = e.learner_id"));
        }
        Keyset keyset = order == WorklistOrder.DUE_LAST ? DUE_LAST : DUE_FIRST;
        return db.list(keyset.page(sql, page), r -> item(kind, q.windows(), r));
    }

    private static WorklistItem item(WorklistKind kind, WorklistRules.Windows windows, DbRow r) {
        LocalDate due = r.date("item_due_on");
        if (kind == WorklistKind.TRANCHE_REPORT) {
            Tranche t = Tranche.from(r);
            return new WorklistItem(t.id(), kind, due, null, null, null, null, null, t, UUID.fromString(t.agreementId()));
        }
        Enrollment e = Enrollment.from(r);
        boolean followUp = kind == WorklistKind.FOLLOW_UP_DUE || kind == WorklistKind.FOLLOW_UP_OVERDUE;
        WorklistRules.Range window = followUp ? WorklistRules.window(due, windows.followUpDays()) : null;
        return new WorklistItem(r.uuid("item_id").toString(), kind, due, r.integer("follow_up_month"),
                window == null ? null : window.from(), window == null ? null : window.to(),
                followUp ? r.flag("contact_allowed") : null, e, null, null);
    }

    /** How many items of a kind. */
    Uni<Integer> count(Query q, WorklistKind kind) {
        return db.count(Sql.select(Fragment.of("SELECT count(*) FROM (").plus(items(q, kind)).plus(") c")));
    }

    /** The agreements of tranche items. */
    Uni<List<Agreement>> agreements(Collection<UUID> ids, LocalDate today) {
        return db.list(Sql.select(Fragment.of("SELECT ").plus(Agreement.columns(today)).plus(" FROM agreement g"))
                .where("g.id = ANY(?)", (Object) ids.stream().distinct().toArray(UUID[]::new)), Agreement::from);
    }

    // ---------------------------------------------------------------- follow-up completion (directorate view)

    /** Follow-ups due and recorded on time, by academy and association, in the caller's scope. */
    record Completion(String academyCode, UUID associationId, String associationName, int due, int onTime) {
    }

    /**
     * Per (academy, association): the follow-ups whose recording window closed in {@code closed} (enrollments the caller
     * sees, anonymised learners included: statistics), and those with an outcome of their month observed inside it.
     */
    Uni<List<Completion>> completion(AccessScope scope, WorklistRules.Range closed, int windowDays, String academyCode) {
        WorklistRules.Range dueOn = new WorklistRules.Range(closed.from().minusDays(windowDays), closed.to().minusDays(windowDays));
        WorklistRules.Range exits = WorklistRules.exitsFor(dueOn);
        Sql sql = Sql.select(Fragment.of("SELECT p.academy_code, c.association_id, a.name AS association_name, count(*) AS due, "
                + "count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outcome o WHERE o.enrollment_id = f.id AND o.follow_up_month "
                + "= f.month AND o.observed_on BETWEEN f.due_on - CAST(? AS integer) AND f.due_on + CAST(? AS integer))) "
                + "AS on_time FROM (SELECT e.id, e.center_id, m.month, CAST(e.exited_on + make_interval(months => m.month) AS date) "
                + "AS due_on FROM enrollment e CROSS JOIN (VALUES (3), (6), (12)) AS m(month) "
                + "WHERE e.status IN ('COMPLETED', 'DROPPED_OUT') AND e.exited_on BETWEEN ? AND ? AND ",
                windowDays, windowDays, exits.from(), exits.to()).plus(ScopeSql.enrollments(scope, "e"))
                .plus(") f JOIN center c ON c.id = f.center_id JOIN province p ON p.code = c.province_code "
                        + "JOIN association a ON a.id = c.association_id"))
                .where("f.due_on BETWEEN ? AND ?", dueOn.from(), dueOn.to());
        if (academyCode != null) {
            sql.where("p.academy_code = ?", academyCode);
        }
        sql.then(" GROUP BY p.academy_code, c.association_id, a.name ORDER BY p.academy_code, a.name, c.association_id");
        return db.list(sql, r -> new Completion(r.string("academy_code"), r.uuid("association_id"), r.string("association_name"),
                r.count("due"), r.count("on_time")));
    }

    /**
     * MINISTRY (the disclosure rule): every follow-up of the caller's scope counted by (academy, association, month its
     * window closed), over all months — the months around the period matter too — with those recorded on time.
     */
    Uni<List<CompletionTable.Atom>> completionByMonth(AccessScope scope, int windowDays) {
        Sql sql = Sql.select(Fragment.of("SELECT p.academy_code, c.association_id, a.name AS association_name, "
                + "CAST(EXTRACT(YEAR FROM f.closes_on) * 12 + EXTRACT(MONTH FROM f.closes_on) - 1 AS integer) AS m, "
                + "count(*) AS due, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outcome o WHERE o.enrollment_id = f.id "
                + "AND o.follow_up_month = f.month AND o.observed_on BETWEEN f.due_on - CAST(? AS integer) AND f.closes_on)) "
                + "AS on_time FROM (SELECT e.id, e.center_id, m.month, CAST(e.exited_on + make_interval(months => m.month) AS date) "
                + "AS due_on, CAST(e.exited_on + make_interval(months => m.month) AS date) + CAST(? AS integer) AS closes_on "
                + "FROM enrollment e CROSS JOIN (VALUES (3), (6), (12)) AS m(month) "
                + "WHERE e.status IN ('COMPLETED', 'DROPPED_OUT') AND e.exited_on IS NOT NULL AND ", windowDays, windowDays)
                .plus(ScopeSql.enrollments(scope, "e"))
                .plus(") f JOIN center c ON c.id = f.center_id JOIN province p ON p.code = c.province_code "
                        + "JOIN association a ON a.id = c.association_id"))
                .then(" GROUP BY p.academy_code, c.association_id, a.name, m");
        return db.list(sql, r -> new CompletionTable.Atom(r.string("academy_code"), r.uuid("association_id"),
                r.string("association_name"), r.integer("m"), r.longValue("due"), r.longValue("on_time")));
    }
}
