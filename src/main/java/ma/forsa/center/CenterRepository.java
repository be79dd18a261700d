package ma.forsa.center;

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
import ma.forsa.association.Association;
import ma.forsa.common.Ids;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.common.paging.TextSearch;
import ma.forsa.security.AccessScope;
import ma.forsa.security.ScopeSql;

/** The centre table: entity writes (Panache) and reads with the caller's scope applied in SQL. */
@ApplicationScoped
public class CenterRepository implements PanacheRepositoryBase<CenterEntity, UUID> {

    static final Keyset ORDER = Keyset.ascending("center", "c", "c.code");

    private final Db db;

    @Inject
    public CenterRepository(Db db) {
        this.db = db;
    }

    public Uni<Center> byId(AccessScope scope, UUID id) {
        return db.one(Sql.select("SELECT " + Center.COLUMNS + " FROM center c").where("c.id = ?", id)
                .where(ScopeSql.centers(scope, "c")), Center::from);
    }

    /** One page, in code order (one more row than asked, to tell whether more follow). */
    public Uni<List<Center>> page(AccessScope scope, CenterFilter filter, PageRequest page) {
        return page(scope, filter, null, false, page);
    }

    /** One page in the chosen order (code by default). */
    public Uni<List<Center>> page(AccessScope scope, CenterFilter filter, CenterOrder order, boolean descending, PageRequest page) {
        return db.list(keyset(order, descending).page(filtered(scope, filter, "SELECT " + Center.COLUMNS + " FROM center c"), page),
                Center::from);
    }

    static Keyset keyset(CenterOrder order, boolean descending) {
        String sort = switch (order == null ? CenterOrder.CODE : order) {
            case CODE -> "c.code";
            case NAME -> "c.name";
            case CAPACITY -> "c.capacity";
        };
        return descending ? Keyset.descending("center", "c", sort) : Keyset.ascending("center", "c", sort);
    }

    public Uni<Integer> count(AccessScope scope, CenterFilter filter) {
        return db.count(filtered(scope, filter, "SELECT count(*) FROM center c"));
    }

    private static Sql filtered(AccessScope scope, CenterFilter filter, String head) {
        Sql sql = Sql.select(head).where(ScopeSql.centers(scope, "c"));
        if (filter != null) {
            if (filter.academyCode() != null) {
                sql.where("c.province_code IN (SELECT p.code FROM province p WHERE p.academy_code = ?)", filter.academyCode());
            }
            if (filter.provinceCode() != null) {
                sql.where("c.province_code = ?", filter.provinceCode());
            }
            if (filter.associationId() != null) {
                sql.where("c.association_id = ?", Ids.parseInput(filter.associationId(), "associationId"));
            }
            if (filter.status() != null && !filter.status().isEmpty()) {
                sql.where("c.status = ANY(?)", (Object) filter.status().stream().map(Enum::name).toArray(String[]::new));
            }
            if (filter.search() != null) {
                sql.where(TextSearch.matching(filter.search(), "c.code", "c.name", "c.commune"));
            }
        }
        return sql;
    }

    /** Centres of each association (scope applied), in one statement. */
    public Uni<Map<String, List<Center>>> ofAssociations(AccessScope scope, Collection<UUID> associationIds) {
        return db.list(Sql.select("SELECT " + Center.COLUMNS + " FROM center c")
                .where("c.association_id = ANY(?)", (Object) associationIds.toArray(UUID[]::new))
                .where(ScopeSql.centers(scope, "c")).then(" ORDER BY c.code, c.id"), Center::from)
                .map(list -> group(list, Center::associationId));
    }

    /** The associations running these centres (visible with the centre), in one statement. */
    public Uni<List<Association>> associations(Collection<UUID> associationIds) {
        return db.list(Sql.select("SELECT " + Association.COLUMNS + " FROM association a")
                .where("a.id = ANY(?)", (Object) associationIds.toArray(UUID[]::new)), Association::from);
    }

    /** Open enrollments (ENROLLED or ACTIVE) of each centre now, in one statement (the capacity rule's count, R__statistics.sql). */
    public Uni<Map<String, Integer>> occupancy(Collection<UUID> centerIds) {
        return db.list(Sql.of("SELECT center_id, open AS n FROM center_open_enrollments(?)",
                (Object) centerIds.toArray(UUID[]::new)), r -> Map.entry(r.uuid("center_id").toString(), r.count("n")))
                .map(entries -> {
                    Map<String, Integer> out = new HashMap<>();
                    entries.forEach(e -> out.put(e.getKey(), e.getValue()));
                    return out;
                });
    }

    /** Inside a write transaction: the centre if the caller sees it, its row locked (FOR UPDATE). */
    public Uni<CenterEntity> lockVisible(AccessScope scope, UUID id) {
        return db.oneInTx(Sql.select("SELECT c.id FROM center c").where("c.id = ?", id).where(ScopeSql.centers(scope, "c"))
                .then(" FOR UPDATE"), r -> r.uuid("id"))
                .chain(found -> found == null ? Uni.createFrom().nullItem() : findById(id));
    }

    /** Inside a write transaction: the centre's open enrollments (the caller holds the centre's row lock; the count of R__statistics.sql). */
    public Uni<Integer> openEnrollmentsInTx(UUID centerId) {
        return db.countInTx(Sql.of("SELECT open AS n FROM center_open_enrollments(?)", (Object) new UUID[] { centerId }));
    }

    /** Inside a write transaction: the association a new centre is for, if the caller sees it, and its status. */
    public Uni<String> associationStatusInTx(AccessScope scope, UUID associationId) {
        return db.oneInTx(Sql.select("SELECT a.status FROM association a").where("a.id = ?", associationId)
                .where(ScopeSql.associations(scope, "a")), r -> r.string("status"));
    }

    public Uni<Boolean> codeTaken(String code, UUID self) {
        return count("code = ?1 and id <> ?2", code, self == null ? new UUID(0, 0) : self).map(n -> n > 0);
    }

    static <T> Map<String, List<T>> group(List<T> list, java.util.function.Function<T, String> key) {
        Map<String, List<T>> out = new HashMap<>();
        list.forEach(t -> out.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t));
        return out;
    }
}
