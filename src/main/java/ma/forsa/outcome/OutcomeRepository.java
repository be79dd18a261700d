package ma.forsa.outcome;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.enrollment.Enrollment;
import ma.forsa.enrollment.EnrollmentStatus;
import ma.forsa.security.AccessScope;
import ma.forsa.security.ScopeSql;

/** The outcome table: entity writes (Panache) and reads of the follow-ups of enrollments the caller sees. */
@ApplicationScoped
public class OutcomeRepository implements PanacheRepositoryBase<OutcomeEntity, UUID> {

    private final Db db;

    @Inject
    public OutcomeRepository(Db db) {
        this.db = db;
    }

    /**
     * Each enrollment's outcomes by follow-up month. Ordered as outcome_follow_up_key (enrollment, month) so that the
     * index scan needs no sort after it.
     */
    public Uni<Map<UUID, List<Outcome>>> byEnrollments(Collection<UUID> enrollmentIds) {
        return db.list(Sql.select("SELECT " + Outcome.COLUMNS + " FROM outcome o").where("o.enrollment_id = ANY(?)",
                (Object) enrollmentIds.stream().distinct().toArray(UUID[]::new)).then(" ORDER BY o.enrollment_id, o.follow_up_month"),
                Outcome::from).map(list -> {
                    Map<UUID, List<Outcome>> out = new HashMap<>();
                    list.forEach(o -> out.computeIfAbsent(o.enrollmentId(), k -> new ArrayList<>()).add(o));
                    return out;
                });
    }

    /** The enrollments of outcomes (visible with the outcome). */
    public Uni<Map<UUID, Enrollment>> enrollments(Collection<UUID> enrollmentIds) {
        return db.list(Sql.select("SELECT " + Enrollment.COLUMNS + " FROM enrollment e").where("e.id = ANY(?)",
                (Object) enrollmentIds.stream().distinct().toArray(UUID[]::new)), Enrollment::from).map(list -> {
                    Map<UUID, Enrollment> out = new HashMap<>();
                    list.forEach(e -> out.put(e.uuid(), e));
                    return out;
                });
    }

    /** The enrollment an outcome is recorded on, as the rules need it. */
    public record Target(boolean visible, boolean anonymised, EnrollmentStatus status, java.time.LocalDate exitedOn,
            Set<Integer> recordedMonths) {
    }

    /** Locks the enrollment's row; whether the caller may record on it (its centre is the caller's); null when missing. */
    public Uni<Target> lockEnrollment(AccessScope scope, UUID enrollmentId) {
        return db.oneInTx(Sql.select(Sql.Fragment.of("SELECT ").plus(ScopeSql.enrollments(scope, "e")).plus(" AS visible, "
                + "(SELECT l.anonymised_at IS NOT NULL FROM learner l WHERE l.id = e.learner_id) AS anonymised, e.status, "
                + "e.exited_on, (SELECT string_agg(o.follow_up_month::varchar, ',') FROM outcome o WHERE o.enrollment_id = e.id) "
                + "AS months "
                + "FROM enrollment e")).where("e.id = ?", enrollmentId).then(" FOR UPDATE OF e"), r -> {
                    Set<Integer> months = new HashSet<>();
                    if (r.string("months") != null) {
                        for (String m : r.string("months").split(",")) {
                            months.add(Integer.valueOf(m));
                        }
                    }
                    return new Target(r.flag("visible"), r.flag("anonymised"), EnrollmentStatus.valueOf(r.string("status")),
                            r.date("exited_on"), months);
                });
    }
}
