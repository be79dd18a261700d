package ma.forsa.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.agreement.Agreement;
import ma.forsa.agreement.Tranche;
import ma.forsa.center.Center;
import ma.forsa.common.ApiException;
import ma.forsa.common.Sql;
import ma.forsa.security.AccessScope;

/** The directorate's follow-up lists: agreements behind target or expiring, tranches due, centres by occupancy. */
@ApplicationScoped
public class DirectorateService {

    static final int MAX_ROWS = 1000;
    /** Agreements in force: what the effective status says of a signed, running or suspended agreement. */
    static final String IN_FORCE = Agreement.EFFECTIVE_STATUS + " IN ('SIGNED', 'ACTIVE', 'SUSPENDED')";

    private final Pool pool;

    @Inject
    public DirectorateService(Pool pool) {
        this.pool = pool;
    }

    static Sql agreementScope(AccessScope scope) {
        Sql sql = new Sql();
        if (scope.academyScope() != null) {
            sql.and("g.academy_code = ?", scope.academyScope());
        }
        if (scope.associationScope() != null) {
            sql.and("g.association_id = ?", scope.associationScope());
        }
        return sql;
    }

    static int limit(Integer first) {
        if (first == null) {
            return 100;
        }
        if (first < 0 || first > MAX_ROWS) {
            throw ApiException.validation("first", "first must be between 0 and " + MAX_ROWS + ".");
        }
        return first;
    }

    public Uni<List<AgreementTargetGap>> agreementsBehindTarget(AccessScope scope, Integer first) {
        Sql sql = agreementScope(scope).and(IN_FORCE);
        String limit = sql.param(limit(first));
        String query = "SELECT * FROM (SELECT " + Agreement.COLUMNS + ", coalesce(pr.enrolled, 0) AS enrolled, "
                + "coalesce(pr.completed + pr.dropped_out, 0) AS leavers, coalesce(pr.integrated, 0) AS integrated, "
                + "ceil(g.target_beneficiaries * least(1.0, greatest(0.0, (current_date - g.starts_on)::numeric "
                + "/ greatest(1, g.ends_on - g.starts_on))))::int AS expected "
                + "FROM agreement g LEFT JOIN stats_agreement_cell pr ON pr.agreement_id = g.id" + sql.where() + ") a "
                + "WHERE a.enrolled < a.expected OR (a.leavers > 0 AND a.target_integration_rate IS NOT NULL "
                + "AND a.integrated::float8 / a.leavers < a.target_integration_rate) "
                + "ORDER BY a.ends_on, a.reference LIMIT " + limit;
        return pool.preparedQuery(query).execute(sql.tuple()).map(rows -> {
            List<AgreementTargetGap> out = new ArrayList<>();
            for (Row r : rows) {
                Agreement g = Agreement.from(r);
                int enrolled = r.getInteger("enrolled");
                int leavers = r.getInteger("leavers");
                int integrated = r.getInteger("integrated");
                int expected = r.getInteger("expected");
                Double rate = leavers == 0 ? null : (double) integrated / leavers;
                out.add(new AgreementTargetGap(g, enrolled, expected, g.targetBeneficiaries(), leavers, integrated, rate,
                        g.targetIntegrationRate(), enrolled < expected,
                        rate != null && g.targetIntegrationRate() != null && rate < g.targetIntegrationRate()));
            }
            return out;
        });
    }

    public Uni<List<DueTranche>> tranchesDue(AccessScope scope, LocalDate from, LocalDate to, Integer first) {
        if (from == null) {
            throw ApiException.validation("from", "from is required (first due date to include).");
        }
        if (to == null || to.isBefore(from)) {
            throw ApiException.validation("to", "to is required and must not be before from.");
        }
        Sql sql = agreementScope(scope).and("t.status = 'PLANNED'").and("t.due_on BETWEEN ? AND ?", from, to);
        String limit = sql.param(limit(first));
        String query = "SELECT " + Tranche.COLUMNS + " FROM tranche t JOIN agreement g ON g.id = t.agreement_id" + sql.where()
                + " ORDER BY t.due_on, g.reference, t.seq LIMIT " + limit;
        return pool.preparedQuery(query).execute(sql.tuple()).flatMap(rows -> {
            List<Tranche> tranches = new ArrayList<>();
            rows.forEach(r -> tranches.add(Tranche.from(r)));
            UUID[] ids = tranches.stream().map(t -> UUID.fromString(t.agreementId())).distinct().toArray(UUID[]::new);
            return pool.preparedQuery("SELECT " + Agreement.COLUMNS + " FROM agreement g WHERE g.id = ANY ($1)")
                    .execute(Tuple.of(ids)).map(agreements -> {
                        Map<String, Agreement> byId = new HashMap<>();
                        agreements.forEach(r -> {
                            Agreement g = Agreement.from(r);
                            byId.put(g.id(), g);
                        });
                        return tranches.stream().map(t -> new DueTranche(t, byId.get(t.agreementId()))).toList();
                    });
        });
    }

    public Uni<List<Agreement>> agreementsExpiring(AccessScope scope, int withinDays, Integer first) {
        if (withinDays < 0 || withinDays > 3660) {
            throw ApiException.validation("withinDays", "withinDays must be between 0 and 3660.");
        }
        Sql sql = agreementScope(scope).and(IN_FORCE)
                .and("g.ends_on BETWEEN current_date AND current_date + ?::int", withinDays);
        String limit = sql.param(limit(first));
        String query = "SELECT " + Agreement.COLUMNS + " FROM agreement g" + sql.where()
                + " ORDER BY g.ends_on, g.reference LIMIT " + limit;
        return pool.preparedQuery(query).execute(sql.tuple()).map(rows -> {
            List<Agreement> out = new ArrayList<>();
            rows.forEach(r -> out.add(Agreement.from(r)));
            return out;
        });
    }

    public Uni<List<CenterOccupancy>> centersByOccupancy(AccessScope scope, boolean over, Double belowRate, Integer first) {
        double below = belowRate == null ? 0.5 : belowRate;
        if (below <= 0 || below > 1) {
            throw ApiException.validation("belowRate", "belowRate must be greater than 0 and at most 1.");
        }
        Sql sql = new Sql().and("c.status = 'OPEN'");
        if (scope.academyScope() != null) {
            sql.and("p.academy_code = ?", scope.academyScope());
        }
        if (scope.associationScope() != null) {
            sql.and("c.association_id = ?", scope.associationScope());
        }
        String condition = over ? "o.n > c.capacity" : "o.n < c.capacity * " + sql.param(below) + "::float8";
        String limit = sql.param(limit(first));
        String query = "SELECT " + Center.COLUMNS + ", o.n FROM center c JOIN province p ON p.code = c.province_code "
                + "CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM enrollment e WHERE e.center_id = c.id "
                + "AND e.status IN ('ENROLLED', 'ACTIVE')) o" + sql.where() + " AND " + condition
                + " ORDER BY o.n::float8 / c.capacity " + (over ? "DESC" : "ASC") + ", c.code LIMIT " + limit;
        return pool.preparedQuery(query).execute(sql.tuple()).map(rows -> {
            List<CenterOccupancy> out = new ArrayList<>();
            for (Row r : rows) {
                Center c = Center.from(r);
                int n = r.getInteger("n");
                out.add(new CenterOccupancy(c, c.capacity(), n, (double) n / c.capacity()));
            }
            return out;
        });
    }
}
