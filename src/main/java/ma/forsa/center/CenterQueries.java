package ma.forsa.center;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.association.PartnerScope;
import ma.forsa.association.PartnerSql;
import ma.forsa.common.Cursor;
import ma.forsa.common.Ids;
import ma.forsa.common.PageInfo;
import ma.forsa.common.PageRequest;
import ma.forsa.common.Sql;
import ma.forsa.security.AccessScope;

/** Reads of centres with the caller's scope applied in SQL. Lists are ordered by code, then id. */
@ApplicationScoped
public class CenterQueries {

    private static final String OPEN = "('ENROLLED', 'ACTIVE')";
    private final PartnerSql sql;

    @Inject
    public CenterQueries(PartnerSql sql) {
        this.sql = sql;
    }

    public Uni<Center> byId(AccessScope scope, UUID id) {
        Sql where = PartnerScope.centers(new Sql().and("c.id = ?", id), scope, "c");
        return sql.one("SELECT " + Center.COLUMNS + " FROM center c" + where.where(), where.tuple(), Center::from);
    }

    public Uni<CenterConnection> page(AccessScope scope, CenterFilter filter, Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, 2);
        Sql count = filtered(scope, filter);
        Sql rows = filtered(scope, filter);
        if (page.hasCursor()) {
            UUID lastId = cursorId(page.after().get(1));
            rows.and("(c.code, c.id) > (?, ?)", page.after().get(0), lastId);
        }
        Uni<Integer> total = sql.count("SELECT count(*) FROM center c" + count.where(), count.tuple());
        Uni<List<Center>> list = sql.list("SELECT " + Center.COLUMNS + " FROM center c" + rows.where()
                + " ORDER BY c.code, c.id LIMIT " + page.limit(), rows.tuple(), Center::from);
        return Uni.combine().all().unis(list, total).asTuple().map(t -> {
            List<Center> found = t.getItem1();
            boolean more = found.size() > page.first();
            List<CenterEdge> edges = found.stream().limit(page.first())
                    .map(c -> new CenterEdge(Cursor.encode(c.code(), c.id()), c)).toList();
            return new CenterConnection(edges, new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                    t.getItem2());
        });
    }

    private static Sql filtered(AccessScope scope, CenterFilter filter) {
        Sql where = PartnerScope.centers(new Sql(), scope, "c");
        if (filter != null) {
            if (filter.academyCode() != null) {
                where.and("c.province_code IN (SELECT p.code FROM province p WHERE p.academy_code = ?)", filter.academyCode());
            }
            if (filter.provinceCode() != null) {
                where.and("c.province_code = ?", filter.provinceCode());
            }
            if (filter.associationId() != null) {
                where.and("c.association_id = ?", Ids.parseInput(filter.associationId(), "associationId"));
            }
            if (filter.status() != null && !filter.status().isEmpty()) {
                where.and("c.status = ANY(?)", (Object) filter.status().stream().map(Enum::name).toArray(String[]::new));
            }
        }
        return where;
    }

    static UUID cursorId(String part) {
        try {
            return UUID.fromString(part);
        } catch (IllegalArgumentException e) {
            throw ma.forsa.common.ApiException.validation("after", "after is not a cursor this list gave out: pass the endCursor "
                    + "of the previous page, or omit after to start from the first page.");
        }
    }

    /** Centres of each association (scope applied), in one statement. */
    public Uni<Map<String, List<Center>>> ofAssociations(AccessScope scope, Collection<UUID> associationIds) {
        Sql where = PartnerScope.centers(new Sql().and("c.association_id = ANY(?)", (Object) associationIds.toArray(UUID[]::new)),
                scope, "c");
        return sql.list("SELECT " + Center.COLUMNS + " FROM center c" + where.where() + " ORDER BY c.code, c.id", where.tuple(),
                Center::from).map(list -> group(list, Center::associationId));
    }

    /** Centres covered by each agreement (scope applied), in one statement. */
    public Uni<Map<String, List<Center>>> ofAgreements(AccessScope scope, Collection<UUID> agreementIds) {
        Sql where = PartnerScope.centers(new Sql().and("ac.agreement_id = ANY(?)", (Object) agreementIds.toArray(UUID[]::new)),
                scope, "c");
        return sql.list("SELECT ac.agreement_id AS covering, " + Center.COLUMNS + " FROM agreement_center ac "
                + "JOIN center c ON c.id = ac.center_id" + where.where() + " ORDER BY c.code, c.id", where.tuple(),
                r -> Map.entry(r.getUUID("covering").toString(), Center.from(r))).map(entries -> {
                    Map<String, List<Center>> out = new HashMap<>();
                    entries.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
                    return out;
                });
    }

    /** Open enrollments (ENROLLED or ACTIVE) of each centre now, in one statement. */
    public Uni<Map<String, Integer>> occupancy(Collection<UUID> centerIds) {
        return sql.list("SELECT e.center_id, count(*) AS n FROM enrollment e WHERE e.center_id = ANY($1) AND e.status IN " + OPEN
                + " GROUP BY e.center_id", Tuple.of(centerIds.toArray(UUID[]::new)),
                r -> Map.entry(r.getUUID("center_id").toString(), r.getLong("n").intValue()))
                .map(entries -> {
                    Map<String, Integer> out = new HashMap<>();
                    entries.forEach(e -> out.put(e.getKey(), e.getValue()));
                    return out;
                });
    }

    /** Open enrollments of one centre, inside a write transaction (on its connection). */
    public static Uni<Integer> occupancyInTransaction(UUID centerId) {
        return ma.forsa.association.TxReads.count("SELECT count(*) FROM enrollment e WHERE e.center_id = $1 AND e.status IN "
                + OPEN, List.of(centerId)).map(Long::intValue);
    }

    public Uni<List<Center>> byIds(Collection<UUID> ids) {
        return sql.list("SELECT " + Center.COLUMNS + " FROM center c WHERE c.id = ANY($1)", Tuple.of(ids.toArray(UUID[]::new)),
                Center::from);
    }

    static <T> Map<String, List<T>> group(List<T> list, java.util.function.Function<T, String> key) {
        Map<String, List<T>> out = new HashMap<>();
        list.forEach(t -> out.computeIfAbsent(key.apply(t), k -> new java.util.ArrayList<>()).add(t));
        return out;
    }
}
