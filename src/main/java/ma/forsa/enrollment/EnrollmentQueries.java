package ma.forsa.enrollment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.common.ApiException;
import ma.forsa.common.Cursor;
import ma.forsa.common.Ids;
import ma.forsa.common.PageInfo;
import ma.forsa.common.PageRequest;
import ma.forsa.common.Sql;
import ma.forsa.learner.LearnerAccess;
import ma.forsa.learner.Reads;
import ma.forsa.security.AccessScope;

/** Reads of enrollments, each a single statement for a whole batch of parents. */
@ApplicationScoped
public class EnrollmentQueries {

    private static final String FROM = " FROM enrollment e JOIN center c ON c.id = e.center_id";

    private final Reads reads;

    @Inject
    public EnrollmentQueries(Reads reads) {
        this.reads = reads;
    }

    /** The enrollments the caller sees of each learner, oldest first. */
    public Uni<Map<UUID, List<Enrollment>>> byLearners(AccessScope scope, List<UUID> learnerIds) {
        Sql sql = new Sql();
        sql.and("e.learner_id = ANY(?)", (Object) learnerIds.stream().distinct().toArray(UUID[]::new));
        LearnerAccess.visibleCenters(sql, scope);
        return reads.query("SELECT " + Enrollment.COLUMNS + FROM + sql.where() + " ORDER BY e.enrolled_on, e.created_at, e.id",
                sql.tuple()).map(rows -> {
                    Map<UUID, List<Enrollment>> byLearner = new HashMap<>();
                    for (Row r : rows) {
                        Enrollment e = Enrollment.from(r);
                        byLearner.computeIfAbsent(e.learnerId(), k -> new ArrayList<>()).add(e);
                    }
                    return byLearner;
                });
    }

    /** Enrollments by id, for children (outcomes) whose visibility was already checked. */
    public Uni<Map<UUID, Enrollment>> byIds(List<UUID> ids) {
        return reads.query("SELECT " + Enrollment.COLUMNS + " FROM enrollment e WHERE e.id = ANY($1)",
                Tuple.of(ids.stream().distinct().toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, Enrollment> byId = new HashMap<>();
                    rows.forEach(r -> {
                        Enrollment e = Enrollment.from(r);
                        byId.put(e.uuid(), e);
                    });
                    return byId;
                });
    }

    /**
     * One page of each centre's enrollments, newest first, in two statements for the whole batch (the
     * rows, ranked per centre, and the totals). The same first/after/filter apply to every centre.
     */
    public Uni<Map<UUID, EnrollmentConnection>> pageByCenters(AccessScope scope, List<UUID> centerIds, Integer first,
            String after, EnrollmentFilter filter) {
        PageRequest page = PageRequest.of(first, after, 2);
        Sql sql = new Sql();
        sql.and("e.center_id = ANY(?)", (Object) centerIds.stream().distinct().toArray(UUID[]::new));
        LearnerAccess.visibleCenters(sql, scope);
        if (filter != null && filter.schoolYear() != null) {
            SchoolYears.firstYear(filter.schoolYear(), "schoolYear");
            sql.and("e.school_year = ?", filter.schoolYear().strip());
        }
        if (filter != null && filter.status() != null && !filter.status().isEmpty()) {
            sql.and("e.status = ANY(?)", (Object) filter.status().stream().map(Enum::name).toArray(String[]::new));
        }
        String countSql = "SELECT e.center_id, count(*) AS total" + FROM + sql.where() + " GROUP BY e.center_id";
        Tuple countParams = Tuple.from(sql.params());
        if (page.hasCursor()) {
            LocalDate on;
            try {
                on = LocalDate.parse(page.after().get(0));
            } catch (RuntimeException e) {
                throw ApiException.validation("after", "after is not a cursor this list gave out.");
            }
            sql.and("(e.enrolled_on, e.id) < (?, ?)", on, Ids.parseInput(page.after().get(1), "after"));
        }
        String pageSql = "SELECT * FROM (SELECT " + Enrollment.COLUMNS + ", row_number() OVER (PARTITION BY e.center_id "
                + "ORDER BY e.enrolled_on DESC, e.id DESC) AS rank" + FROM + sql.where() + ") p WHERE p.rank <= "
                + sql.param(page.limit()) + " ORDER BY p.center_id, p.rank";
        return reads.query(countSql, countParams).chain(counts -> {
            Map<UUID, Integer> totals = new HashMap<>();
            counts.forEach(r -> totals.put(r.getUUID("center_id"), r.getLong("total").intValue()));
            return reads.query(pageSql, sql.tuple()).map(rows -> {
                Map<UUID, List<Enrollment>> byCenter = new LinkedHashMap<>();
                rows.forEach(r -> {
                    Enrollment e = Enrollment.from(r);
                    byCenter.computeIfAbsent(e.centerId(), k -> new ArrayList<>()).add(e);
                });
                Map<UUID, EnrollmentConnection> result = new HashMap<>();
                for (UUID center : centerIds) {
                    List<Enrollment> list = byCenter.getOrDefault(center, List.of());
                    boolean more = list.size() > page.first();
                    List<EnrollmentEdge> edges = list.stream().limit(page.first())
                            .map(e -> new EnrollmentEdge(Cursor.encode(e.enrolledOn(), e.id()), e)).toList();
                    String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
                    result.put(center, new EnrollmentConnection(edges, new PageInfo(more, end), totals.getOrDefault(center, 0)));
                }
                return result;
            });
        });
    }
}
