package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import ma.forsa.association.Association;
import ma.forsa.center.Center;
import ma.forsa.common.Ids;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.DbRow;
import ma.forsa.common.db.Sql;
import ma.forsa.common.paging.CountedPage;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.common.paging.TextSearch;
import ma.forsa.security.AccessScope;
import ma.forsa.security.ScopeSql;

/**
 * The agreement tables (agreement, agreement_center, tranche, amendment): entity writes (Panache) and reads
 * with the caller's scope applied in SQL.
 */
@ApplicationScoped
public class AgreementRepository implements PanacheRepositoryBase<AgreementEntity, UUID> {

    static final Keyset ORDER = Keyset.ascending("agreement", "g", "g.reference");

    private final Db db;

    @Inject
    public AgreementRepository(Db db) {
        this.db = db;
    }

    /** No column beyond an agreement's own. */
    private static final Sql.Fragment NO_MORE = Sql.Fragment.of("");

    private static Sql select(LocalDate today) {
        return select(today, NO_MORE);
    }

    /** {@code SELECT} an agreement's columns, then {@code more} columns, {@code FROM agreement g}. */
    private static Sql select(LocalDate today, Sql.Fragment more) {
        return Sql.select(Sql.Fragment.of("SELECT ").plus(Agreement.columns(today)).plus(more).plus(" FROM agreement g"));
    }

    public Uni<Agreement> byId(AccessScope scope, UUID id, LocalDate today) {
        return db.one(select(today).where("g.id = ?", id).where(ScopeSql.agreements(scope, "g")), Agreement::from);
    }

    /** An agreement and its association. */
    public record WithAssociation(Agreement agreement, Association association) {
        static WithAssociation from(DbRow r) {
            return new WithAssociation(Agreement.from(r), Association.from(r.prefixed("a_")));
        }
    }

    /** {@link #byId} with its association joined in the same statement (for a look-up that selects it). */
    public Uni<WithAssociation> byIdWithAssociation(AccessScope scope, UUID id, LocalDate today) {
        return db.one(selectWithAssociation(today).where("g.id = ?", id).where(ScopeSql.agreements(scope, "g")), WithAssociation::from);
    }

    /** {@link #page} with each agreement's association joined in the same statement (for a page that selects it). */
    public Uni<CountedPage<WithAssociation>> pageWithAssociation(AccessScope scope, AgreementFilter filter,
            AgreementOrder order, boolean descending, PageRequest page, LocalDate today, boolean counted) {
        return page(more -> selectWithAssociation(today, more), WithAssociation::from, scope, filter, order, descending,
                page, today, counted);
    }

    private static Sql selectWithAssociation(LocalDate today) {
        return selectWithAssociation(today, NO_MORE);
    }

    /** An agreement's columns, {@code more} columns, then its association's ({@code a_...}), joined. */
    private static Sql selectWithAssociation(LocalDate today, Sql.Fragment more) {
        return Sql.select(Sql.Fragment.of("SELECT ").plus(Agreement.columns(today)).plus(more).plus(", "
                + Association.columns("a_") + " FROM agreement g JOIN association a ON a.id = g.association_id"));
    }

    /**
     * One page in the chosen order (reference by default) and, when {@code counted}, how many agreements the list holds:
     * the count a sub-select of the page's statement ({@link CountedPage}: one statement, one connection).
     */
    public Uni<CountedPage<Agreement>> page(AccessScope scope, AgreementFilter filter, AgreementOrder order,
            boolean descending, PageRequest page, LocalDate today, boolean counted) {
        return page(more -> select(today, more), Agreement::from, scope, filter, order, descending, page, today, counted);
    }

    /** A page of the statement {@code head} gives (given the columns to add), with the list's count when {@code counted}. */
    private <T> Uni<CountedPage<T>> page(Function<Sql.Fragment, Sql> head, Function<DbRow, T> mapper, AccessScope scope,
            AgreementFilter filter, AgreementOrder order, boolean descending, PageRequest page, LocalDate today,
            boolean counted) {
        Sql.Fragment total = counted ? CountedPage.column(countOf(scope, filter, today).fragment()) : NO_MORE;
        Sql sql = keyset(order, descending).page(filtered(head.apply(total), scope, filter, today), page);
        if (!counted) {
            return db.list(sql, mapper).map(rows -> new CountedPage<>(rows, 0));
        }
        return CountedPage.read(db, sql, mapper, page, () -> count(scope, filter, today));
    }

    static Keyset keyset(AgreementOrder order, boolean descending) {
        String sort = switch (order == null ? AgreementOrder.REFERENCE : order) {
            case REFERENCE -> "g.reference";
            case STARTS_ON -> "g.starts_on";
            case ENDS_ON -> "g.ends_on";
            case BUDGET -> "g.budget";
        };
        return descending ? Keyset.descending("agreement", "g", sort) : Keyset.ascending("agreement", "g", sort);
    }

    public Uni<Integer> count(AccessScope scope, AgreementFilter filter, LocalDate today) {
        return db.count(countOf(scope, filter, today));
    }

    /** The agreements of a list, counted (alone, or as a sub-select of a page whose own {@code g} it shadows). */
    private static Sql countOf(AccessScope scope, AgreementFilter filter, LocalDate today) {
        return filtered(Sql.select("SELECT count(*) FROM agreement g"), scope, filter, today);
    }

    private static Sql filtered(Sql sql, AccessScope scope, AgreementFilter filter, LocalDate today) {
        sql.where(ScopeSql.agreements(scope, "g"));
        if (filter != null) {
            if (filter.academyCode() != null) {
                sql.where("g.academy_code = ?", filter.academyCode());
            }
            if (filter.associationId() != null) {
                sql.where("g.association_id = ?", Ids.parseInput(filter.associationId(), "associationId"));
            }
            if (filter.status() != null && !filter.status().isEmpty()) {
                sql.where(Agreement.effectiveStatus(today).plus(" = ANY(?)",
                        (Object) filter.status().stream().map(Enum::name).toArray(String[]::new)));
            }
            if (filter.endsBefore() != null) {
                sql.where("g.ends_on < ?", filter.endsBefore());
            }
            if (filter.search() != null) {
                sql.where(TextSearch.matching(filter.search(), "g.reference",
                        "(SELECT sa.name FROM association sa WHERE sa.id = g.association_id)"));
            }
        }
        return sql;
    }

    /** Agreements of each association (scope applied), in one statement. */
    public Uni<Map<String, List<Agreement>>> ofAssociations(AccessScope scope, Collection<UUID> associationIds, LocalDate today) {
        return db.list(select(today).where("g.association_id = ANY(?)", (Object) associationIds.toArray(UUID[]::new))
                .where(ScopeSql.agreements(scope, "g")).then(" ORDER BY g.reference, g.id"), Agreement::from)
                .map(list -> group(list, Agreement::associationId));
    }

    /** The associations party to these agreements (visible with the agreement), in one statement. */
    public Uni<List<Association>> associations(Collection<UUID> associationIds) {
        return db.list(Sql.select("SELECT " + Association.COLUMNS + " FROM association a")
                .where("a.id = ANY(?)", (Object) associationIds.toArray(UUID[]::new)), Association::from);
    }

    /** Centres covered by each agreement (scope applied), in one statement. */
    public Uni<Map<String, List<Center>>> centers(AccessScope scope, Collection<UUID> agreementIds) {
        return db.list(Sql.select("SELECT ac.agreement_id AS covering, " + Center.COLUMNS + " FROM agreement_center ac "
                + "JOIN center c ON c.id = ac.center_id").where("ac.agreement_id = ANY(?)", (Object) agreementIds.toArray(UUID[]::new))
                .where(ScopeSql.centers(scope, "c")).then(" ORDER BY c.code, c.id"),
                r -> Map.entry(r.uuid("covering").toString(), Center.from(r))).map(entries -> {
                    Map<String, List<Center>> out = new HashMap<>();
                    entries.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                    return out;
                });
    }

    public Uni<Map<String, List<Tranche>>> tranches(Collection<UUID> agreementIds) {
        return db.list(Sql.select("SELECT " + Tranche.COLUMNS + " FROM tranche t")
                .where("t.agreement_id = ANY(?)", (Object) agreementIds.toArray(UUID[]::new)).then(" ORDER BY t.seq"),
                Tranche::from).map(list -> group(list, Tranche::agreementId));
    }

    public Uni<Map<String, List<Amendment>>> amendments(Collection<UUID> agreementIds) {
        return db.list(Sql.select("SELECT " + Amendment.COLUMNS + " FROM amendment m")
                .where("m.agreement_id = ANY(?)", (Object) agreementIds.toArray(UUID[]::new)).then(" ORDER BY m.seq"),
                Amendment::from).map(list -> group(list, Amendment::agreementId));
    }

    /** Raw progress figures of an agreement (before the disclosure rule). */
    public record Figures(int targetBeneficiaries, int enrolled, int active, int completed, int droppedOut, int integrated,
            BigDecimal disbursed) {
    }

    /**
     * Progress of a batch of agreements in one statement, from the trigger-maintained roll-up
     * {@code stats_agreement_cell} (exact and current: see V30/V31) and the paid tranches.
     */
    public Uni<Map<String, Figures>> progress(Collection<UUID> agreementIds) {
        return db.list(Sql.select("SELECT g.id, g.target_beneficiaries, coalesce(s.enrolled, 0) AS enrolled, "
                + "coalesce(s.active, 0) AS active, coalesce(s.completed, 0) AS completed, "
                + "coalesce(s.dropped_out, 0) AS dropped_out, coalesce(s.integrated, 0) AS integrated, "
                + "coalesce((SELECT sum(t.amount) FROM tranche t WHERE t.agreement_id = g.id AND t.status = 'PAID'), 0) "
                + "AS disbursed FROM agreement g LEFT JOIN stats_agreement_cell s ON s.agreement_id = g.id")
                .where("g.id = ANY(?)", (Object) agreementIds.toArray(UUID[]::new)),
                r -> Map.entry(r.uuid("id").toString(), new Figures(r.integer("target_beneficiaries"), r.count("enrolled"),
                        r.count("active"), r.count("completed"), r.count("dropped_out"), r.count("integrated"),
                        r.decimal("disbursed").setScale(2)))).map(entries -> {
                            Map<String, Figures> out = new HashMap<>();
                            entries.forEach(e -> out.put(e.getKey(), e.getValue()));
                            return out;
                        });
    }

    // ---------------------------------------------------------------- inside write transactions

    /** The agreement, its row locked, if the caller sees it; null otherwise. */
    public Uni<AgreementEntity> lockVisible(AccessScope scope, UUID id) {
        return db.oneInTx(Sql.select("SELECT g.id FROM agreement g").where("g.id = ?", id)
                .where(ScopeSql.agreements(scope, "g")).then(" FOR UPDATE"), r -> r.uuid("id"))
                .chain(found -> found == null ? Uni.createFrom().nullItem() : findById(id));
    }

    /** An association as a party to an agreement: visible to the caller (else null), with its status. */
    public record Party(UUID id, String status) {
    }

    public Uni<Party> partyInTx(AccessScope scope, UUID associationId) {
        return db.oneInTx(Sql.select("SELECT a.id, a.status FROM association a").where("a.id = ?", associationId)
                .where(ScopeSql.associations(scope, "a")), r -> new Party(r.uuid("id"), r.string("status")));
    }

    /** A centre as coverage sees it: its association and the academy of its province. */
    public record CoveredCenter(UUID id, UUID associationId, String academyCode) {
    }

    public Uni<List<CoveredCenter>> coveredCentersInTx(Collection<UUID> centerIds) {
        return db.listInTx(Sql.select("SELECT c.id, c.association_id, p.academy_code FROM center c "
                + "JOIN province p ON p.code = c.province_code").where("c.id = ANY(CAST(? AS uuid[]))", (Object) centerIds.toArray(UUID[]::new)),
                r -> new CoveredCenter(r.uuid("id"), r.uuid("association_id"), r.string("academy_code")));
    }

    public Uni<List<UUID>> coverageInTx(UUID agreementId) {
        return db.listInTx(Sql.select("SELECT ac.center_id FROM agreement_center ac").where("ac.agreement_id = ?", agreementId),
                r -> r.uuid("center_id"));
    }

    /** Replaces the agreement's coverage (two statements on the transaction's connection). */
    public Uni<Void> replaceCoverageInTx(UUID agreementId, List<UUID> centerIds) {
        Uni<Integer> delete = db.executeInTx(Sql.of("DELETE FROM agreement_center WHERE agreement_id = ?", agreementId));
        if (centerIds.isEmpty()) {
            return delete.replaceWithVoid();
        }
        return delete.chain(() -> db.executeInTx(Sql.of("INSERT INTO agreement_center (agreement_id, center_id) "
                + "SELECT ?, unnest(CAST(? AS uuid[]))", agreementId, centerIds.toArray(UUID[]::new))))
                .replaceWithVoid();
    }

    static <T> Map<String, List<T>> group(List<T> list, Function<T, String> key) {
        Map<String, List<T>> out = new HashMap<>();
        list.forEach(t -> out.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t));
        return out;
    }
}
