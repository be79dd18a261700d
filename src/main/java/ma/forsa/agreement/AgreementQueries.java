package ma.forsa.agreement;

import java.math.BigDecimal;
import java.util.ArrayList;
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
import ma.forsa.common.ApiException;
import ma.forsa.common.Cursor;
import ma.forsa.common.Ids;
import ma.forsa.common.PageInfo;
import ma.forsa.common.PageRequest;
import ma.forsa.common.Sql;
import ma.forsa.security.AccessScope;

/** Reads of agreements, their tranches, amendments and progress, with the caller's scope applied in SQL. */
@ApplicationScoped
public class AgreementQueries {

    private final PartnerSql sql;

    @Inject
    public AgreementQueries(PartnerSql sql) {
        this.sql = sql;
    }

    public Uni<Agreement> byId(AccessScope scope, UUID id) {
        Sql where = PartnerScope.agreements(new Sql().and("g.id = ?", id), scope, "g");
        return sql.one("SELECT " + Agreement.COLUMNS + " FROM agreement g" + where.where(), where.tuple(), Agreement::from);
    }

    /** A page ordered by reference (unique), then id. */
    public Uni<AgreementConnection> page(AccessScope scope, AgreementFilter filter, Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, 2);
        Sql count = filtered(scope, filter);
        Sql rows = filtered(scope, filter);
        if (page.hasCursor()) {
            UUID lastId;
            try {
                lastId = UUID.fromString(page.after().get(1));
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("after", "after is not a cursor this list gave out: pass the endCursor of the "
                        + "previous page, or omit after to start from the first page.");
            }
            rows.and("(g.reference, g.id) > (?, ?)", page.after().get(0), lastId);
        }
        Uni<Integer> total = sql.count("SELECT count(*) FROM agreement g" + count.where(), count.tuple());
        Uni<List<Agreement>> list = sql.list("SELECT " + Agreement.COLUMNS + " FROM agreement g" + rows.where()
                + " ORDER BY g.reference, g.id LIMIT " + page.limit(), rows.tuple(), Agreement::from);
        return Uni.combine().all().unis(list, total).asTuple().map(t -> {
            List<Agreement> found = t.getItem1();
            boolean more = found.size() > page.first();
            List<AgreementEdge> edges = found.stream().limit(page.first())
                    .map(g -> new AgreementEdge(Cursor.encode(g.reference(), g.id()), g)).toList();
            return new AgreementConnection(edges,
                    new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), t.getItem2());
        });
    }

    private static Sql filtered(AccessScope scope, AgreementFilter filter) {
        Sql where = PartnerScope.agreements(new Sql(), scope, "g");
        if (filter != null) {
            if (filter.academyCode() != null) {
                where.and("g.academy_code = ?", filter.academyCode());
            }
            if (filter.associationId() != null) {
                where.and("g.association_id = ?", Ids.parseInput(filter.associationId(), "associationId"));
            }
            if (filter.status() != null && !filter.status().isEmpty()) {
                where.and(Agreement.EFFECTIVE_STATUS + " = ANY(?)",
                        (Object) filter.status().stream().map(Enum::name).toArray(String[]::new));
            }
            if (filter.endsBefore() != null) {
                where.and("g.ends_on < ?", filter.endsBefore());
            }
        }
        return where;
    }

    /** Agreements of each association (scope applied), in one statement. */
    public Uni<Map<String, List<Agreement>>> ofAssociations(AccessScope scope, Collection<UUID> associationIds) {
        Sql where = PartnerScope.agreements(
                new Sql().and("g.association_id = ANY(?)", (Object) associationIds.toArray(UUID[]::new)), scope, "g");
        return sql.list("SELECT " + Agreement.COLUMNS + " FROM agreement g" + where.where() + " ORDER BY g.reference, g.id",
                where.tuple(), Agreement::from).map(list -> group(list, Agreement::associationId));
    }

    public Uni<Map<String, List<Tranche>>> tranches(Collection<UUID> agreementIds) {
        return sql.list("SELECT " + Tranche.COLUMNS + " FROM tranche t WHERE t.agreement_id = ANY($1) ORDER BY t.seq",
                Tuple.of(agreementIds.toArray(UUID[]::new)), Tranche::from).map(list -> group(list, Tranche::agreementId));
    }

    public Uni<Map<String, List<Amendment>>> amendments(Collection<UUID> agreementIds) {
        return sql.list("SELECT " + Amendment.COLUMNS + " FROM amendment m WHERE m.agreement_id = ANY($1) ORDER BY m.seq",
                Tuple.of(agreementIds.toArray(UUID[]::new)), Amendment::from).map(list -> group(list, Amendment::agreementId));
    }

    /**
     * Progress of a batch of agreements in one statement. Enrollments count towards an agreement
     * through enrollment.agreement_id; those closed by a transfer are left out (the receiving
     * enrollment counts the learner). A leaver is integrated when the outcome of its latest
     * follow-up month is neither NOT_INTEGRATED nor UNKNOWN.
     */
    private static final String PROGRESS = """
            WITH ids AS (SELECT unnest($1::uuid[]) AS id),
            e AS (
              SELECT e.agreement_id,
                     count(*) AS enrolled,
                     count(*) FILTER (WHERE e.status IN ('ENROLLED', 'ACTIVE')) AS active,
                     count(*) FILTER (WHERE e.status = 'COMPLETED') AS completed,
                     count(*) FILTER (WHERE e.status = 'DROPPED_OUT') AS dropped_out,
                     count(*) FILTER (WHERE e.status IN ('COMPLETED', 'DROPPED_OUT')
                                        AND latest.kind NOT IN ('NOT_INTEGRATED', 'UNKNOWN')) AS integrated
              FROM enrollment e
              LEFT JOIN LATERAL (SELECT o.kind FROM outcome o WHERE o.enrollment_id = e.id
                                 ORDER BY o.follow_up_month DESC LIMIT 1) latest ON true
              WHERE e.agreement_id = ANY($1) AND e.status <> 'TRANSFERRED'
              GROUP BY e.agreement_id),
            t AS (
              SELECT t.agreement_id, sum(t.amount) AS disbursed FROM tranche t
              WHERE t.agreement_id = ANY($1) AND t.status = 'PAID' GROUP BY t.agreement_id)
            SELECT ids.id, g.target_beneficiaries, coalesce(e.enrolled, 0) AS enrolled, coalesce(e.active, 0) AS active,
                   coalesce(e.completed, 0) AS completed, coalesce(e.dropped_out, 0) AS dropped_out,
                   coalesce(e.integrated, 0) AS integrated, coalesce(t.disbursed, 0) AS disbursed
            FROM ids JOIN agreement g ON g.id = ids.id
            LEFT JOIN e ON e.agreement_id = ids.id LEFT JOIN t ON t.agreement_id = ids.id""";

    public Uni<Map<String, AgreementProgress>> progress(Collection<UUID> agreementIds) {
        return sql.list(PROGRESS, Tuple.of(agreementIds.toArray(UUID[]::new)), r -> {
            int enrolled = r.getLong("enrolled").intValue();
            int completed = r.getLong("completed").intValue();
            int droppedOut = r.getLong("dropped_out").intValue();
            int integrated = r.getLong("integrated").intValue();
            int target = r.getInteger("target_beneficiaries");
            int leavers = completed + droppedOut;
            BigDecimal disbursed = r.getBigDecimal("disbursed").setScale(2);
            return Map.entry(r.getUUID("id").toString(), new AgreementProgress(enrolled, r.getLong("active").intValue(), completed,
                    droppedOut, integrated, leavers == 0 ? null : (double) integrated / leavers,
                    target == 0 ? null : (double) enrolled / target, disbursed));
        }).map(entries -> {
            Map<String, AgreementProgress> out = new HashMap<>();
            entries.forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    static <T> Map<String, List<T>> group(List<T> list, java.util.function.Function<T, String> key) {
        Map<String, List<T>> out = new HashMap<>();
        list.forEach(t -> out.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t));
        return out;
    }
}
