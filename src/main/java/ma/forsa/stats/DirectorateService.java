package ma.forsa.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import ma.forsa.agreement.Agreement;
import ma.forsa.agreement.Tranche;
import ma.forsa.center.Center;
import ma.forsa.common.ApiException;
import ma.forsa.common.Clocks;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.common.paging.Cursor;
import ma.forsa.common.db.Sql.Fragment;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Disclosure;
import ma.forsa.security.DisclosureCounts;
import ma.forsa.security.ScopeSql;

/** The directorate's follow-up lists: agreements behind target or expiring, tranches due, centres by occupancy. */
@ApplicationScoped
public class DirectorateService {

    static final int MAX_ROWS = 1000;
    /** MINISTRY: agreements in force / open centres read to decide the lists on the figures it may see. */
    static final int MAX_AGREEMENTS_CHECKED = 20_000;
    static final int MAX_CENTERS_CHECKED = 20_000;

    private final Db db;
    private final Clock clock;
    private final Disclosure disclosure;
    private final DisclosureCounts counts;

    @Inject
    public DirectorateService(Db db, Clock clock, Disclosure disclosure, DisclosureCounts counts) {
        this.db = db;
        this.clock = clock;
        this.disclosure = disclosure;
        this.counts = counts;
    }

    /** Agreements in force on {@code today}: what the effective status says of a signed, running or suspended agreement. */
    static Fragment inForce(LocalDate today) {
        return Agreement.effectiveStatus(today).plus(" IN ('SIGNED', 'ACTIVE', 'SUSPENDED')");
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

    private static Fragment agreementColumns(LocalDate today) {
        return Fragment.of("SELECT ").plus(Agreement.columns(today));
    }

    public Uni<List<AgreementTargetGap>> agreementsBehindTarget(AccessScope scope, Integer first) {
        return agreementsBehindTarget(scope, first, null);
    }

    /** {@code after}: the id of the last agreement of the previous page (lists in the same order continue after it). */
    public Uni<List<AgreementTargetGap>> agreementsBehindTarget(AccessScope scope, Integer first, String after) {
        LocalDate today = Clocks.today(clock);
        int limit = limit(first);
        Sql inner = Sql.select(agreementColumns(today).plus(", coalesce(pr.enrolled, 0) AS enrolled, "
                + "coalesce(pr.active, 0) AS active, coalesce(pr.completed, 0) AS completed, "
                + "coalesce(pr.dropped_out, 0) AS dropped_out, "
                + "coalesce(pr.completed + pr.dropped_out, 0) AS leavers, coalesce(pr.integrated, 0) AS integrated, "
                + "ceil(g.target_beneficiaries * least(1.0, greatest(0.0, (?::date - g.starts_on)::numeric "
                + "/ greatest(1, g.ends_on - g.starts_on))))::int AS expected "
                + "FROM agreement g LEFT JOIN stats_agreement_cell pr ON pr.agreement_id = g.id", today))
                .where(ScopeSql.agreements(scope, "g")).where(inForce(today));
        boolean checked = disclosure.appliesTo(scope);
        Sql sql = Sql.select(Fragment.of("SELECT * FROM (").plus(inner.fragment()).plus(") a"));
        if (!checked) {
            sql.where("a.enrolled < a.expected OR (a.leavers > 0 AND a.target_integration_rate IS NOT NULL "
                    + "AND a.integrated::float8 / a.leavers < a.target_integration_rate)");
        }
        // MINISTRY: whether an agreement is behind is decided on the figures it may see, so every agreement in force is
        // read (a national list of agreements, not of learners)
        sql.where(after == null ? Fragment.TRUE : Fragment.of("(a.ends_on, a.reference) > (SELECT ag.ends_on, ag.reference "
                + "FROM agreement ag WHERE ag.id = ?)", Cursor.decodeIdOrCursor(after)))
                .then(" ORDER BY a.ends_on, a.reference LIMIT ?", checked ? MAX_AGREEMENTS_CHECKED : limit);
        return db.analytics().list(sql, r -> {
            Agreement g = Agreement.from(r);
            int enrolled = r.count("enrolled");
            int completed = r.count("completed");
            int droppedOut = r.count("dropped_out");
            int leavers = r.count("leavers");
            int integrated = r.count("integrated");
            int expected = r.count("expected");
            Double target = g.targetIntegrationRate();
            if (!checked) {
                Double rate = leavers == 0 ? null : (double) integrated / leavers;
                return new AgreementTargetGap(g, enrolled, expected, g.targetBeneficiaries(), leavers, integrated, rate, target,
                        enrolled < expected, rate != null && target != null && rate < target, false);
            }
            Disclosure.Shown shown = disclosure.protect(Disclosure.Figures.of(enrolled, r.count("active"), completed,
                    droppedOut, integrated));
            boolean sub = shown.enrolled() && shown.subFigures();
            Double rate = !sub || leavers == 0 ? null : (double) integrated / leavers;
            Boolean behindBeneficiaries = shown.enrolled() ? Boolean.valueOf(enrolled < expected)
                    : expected >= disclosure.threshold() ? Boolean.TRUE : null;
            Boolean behindIntegration = target == null ? Boolean.FALSE : !sub ? null : Boolean.valueOf(rate != null && rate < target);
            return new AgreementTargetGap(g, shown.enrolled() ? enrolled : null, expected, g.targetBeneficiaries(),
                    sub ? leavers : null, sub ? integrated : null, rate, target, behindBeneficiaries, behindIntegration,
                    shown.suppressed());
        }).map(gaps -> checked ? gaps.stream().filter(a -> Boolean.TRUE.equals(a.behindBeneficiaries())
                || Boolean.TRUE.equals(a.behindIntegration())).limit(limit).toList() : gaps);
    }

    public Uni<List<DueTranche>> tranchesDue(AccessScope scope, LocalDate from, LocalDate to, Integer first) {
        return tranchesDue(scope, from, to, first, null);
    }

    /** {@code after}: the id of the last tranche of the previous page. */
    public Uni<List<DueTranche>> tranchesDue(AccessScope scope, LocalDate from, LocalDate to, Integer first, String after) {
        if (from == null) {
            throw ApiException.validation("from", "from is required (first due date to include).");
        }
        if (to == null || to.isBefore(from)) {
            throw ApiException.validation("to", "to is required and must not be before from.");
        }
        LocalDate today = Clocks.today(clock);
        Sql sql = Sql.select("SELECT " + Tranche.COLUMNS + " FROM tranche t JOIN agreement g ON g.id = t.agreement_id")
                .where(ScopeSql.agreements(scope, "g")).where("t.status = 'PLANNED'").where("t.due_on BETWEEN ? AND ?", from, to)
                .where(after == null ? Fragment.TRUE : Fragment.of("(t.due_on, g.reference, t.seq) > (SELECT ta.due_on, ga.reference, "
                        + "ta.seq FROM tranche ta JOIN agreement ga ON ga.id = ta.agreement_id WHERE ta.id = ?)",
                        Cursor.decodeIdOrCursor(after)))
                .then(" ORDER BY t.due_on, g.reference, t.seq LIMIT ?", limit(first));
        return db.analytics().list(sql, Tranche::from).chain(tranches -> {
            if (tranches.isEmpty()) {
                return Uni.createFrom().item(List.<DueTranche>of());
            }
            UUID[] ids = tranches.stream().map(t -> UUID.fromString(t.agreementId())).distinct().toArray(UUID[]::new);
            return db.analytics().list(Sql.select(agreementColumns(today).plus(" FROM agreement g")).where("g.id = ANY(?)", (Object) ids),
                    Agreement::from).map(agreements -> {
                        Map<String, Agreement> byId = new HashMap<>();
                        agreements.forEach(g -> byId.put(g.id(), g));
                        return tranches.stream().map(t -> new DueTranche(t, byId.get(t.agreementId()))).toList();
                    });
        });
    }

    public Uni<List<Agreement>> agreementsExpiring(AccessScope scope, int withinDays, Integer first) {
        return agreementsExpiring(scope, withinDays, first, null);
    }

    /** {@code after}: the id of the last agreement of the previous page. */
    public Uni<List<Agreement>> agreementsExpiring(AccessScope scope, int withinDays, Integer first, String after) {
        if (withinDays < 0 || withinDays > 3660) {
            throw ApiException.validation("withinDays", "withinDays must be between 0 and 3660.");
        }
        LocalDate today = Clocks.today(clock);
        Sql sql = Sql.select(agreementColumns(today).plus(" FROM agreement g")).where(ScopeSql.agreements(scope, "g"))
                .where(inForce(today)).where("g.ends_on BETWEEN ? AND ?", today, today.plusDays(withinDays))
                .where(after == null ? Fragment.TRUE : Fragment.of("(g.ends_on, g.reference) > (SELECT ga.ends_on, ga.reference "
                        + "FROM agreement ga WHERE ga.id = ?)", Cursor.decodeIdOrCursor(after)))
                .then(" ORDER BY g.ends_on, g.reference LIMIT ?", limit(first));
        return db.analytics().list(sql, Agreement::from);
    }

    /** Rows after a centre in the order of centersByOccupancy: its rate (read now) then its code. */
    private static Fragment afterCenter(UUID id, boolean over) {
        String rate = "(SELECT count(*)::float8 FROM enrollment ea WHERE ea.center_id = ? AND ea.status IN ('ENROLLED', 'ACTIVE')) "
                + "/ (SELECT ca.capacity FROM center ca WHERE ca.id = ?)";
        String code = "(SELECT ca.code FROM center ca WHERE ca.id = ?)";
        return Fragment.of("(o.n::float8 / c.capacity " + (over ? "<" : ">") + " " + rate + " OR (o.n::float8 / c.capacity = " + rate
                + " AND c.code > " + code + "))", id, id, id, id, id);
    }

    public Uni<List<CenterOccupancy>> centersByOccupancy(AccessScope scope, boolean over, Double belowRate, Integer first) {
        return centersByOccupancy(scope, over, belowRate, first, null);
    }

    /** {@code after}: the id of the last centre of the previous page (occupancy read again now). */
    public Uni<List<CenterOccupancy>> centersByOccupancy(AccessScope scope, boolean over, Double belowRate, Integer first,
            String after) {
        double below = belowRate == null ? 0.5 : belowRate;
        if (below <= 0 || below > 1) {
            throw ApiException.validation("belowRate", "belowRate must be greater than 0 and at most 1.");
        }
        int limit = limit(first);
        boolean checked = disclosure.appliesTo(scope);
        Sql sql = Sql.select("SELECT " + Center.COLUMNS + ", o.n FROM center c CROSS JOIN LATERAL (SELECT count(*)::int AS n "
                + "FROM enrollment e WHERE e.center_id = c.id AND e.status IN ('ENROLLED', 'ACTIVE')) o")
                .where("c.status = 'OPEN'").where(ScopeSql.centers(scope, "c"))
                .where(over ? Fragment.of("o.n > c.capacity") : Fragment.of("o.n < c.capacity * ?::float8", below))
                .where(after == null ? Fragment.TRUE : afterCenter(Cursor.decodeIdOrCursor(after), over))
                .then(" ORDER BY o.n::float8 / c.capacity " + (over ? "DESC" : "ASC") + ", c.code LIMIT ?",
                        checked ? MAX_CENTERS_CHECKED : limit);
        Uni<List<CenterOccupancy>> found = db.analytics().list(sql, r -> {
            Center c = Center.from(r);
            int n = r.count("n");
            return new CenterOccupancy(c, c.capacity(), n, (double) n / c.capacity());
        });
        if (!checked) {
            return found;
        }
        // MINISTRY: a centre whose occupancy the disclosure rule withholds is in neither list (its place in a list would
        // tell its occupancy against a rate the caller chooses)
        return found.chain(list -> counts.centres(scope, list.stream().map(o -> o.center().uuid()).toList())
                .map(by -> list.stream().filter(o -> disclosure.shows(disclosure.ofCentre(
                        by.getOrDefault(o.center().uuid(), Map.of()), null, Center.OPEN_STATUSES))).limit(limit).toList()));
    }
}
