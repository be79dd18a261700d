package ma.forsa.association;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.Inputs;
import ma.forsa.common.db.Sql;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.common.paging.TextSearch;
import ma.forsa.security.AccessScope;
import ma.forsa.security.ScopeSql;

/** The association table: entity writes (Panache) and reads with the caller's scope applied in SQL. */
@ApplicationScoped
public class AssociationRepository implements PanacheRepositoryBase<AssociationEntity, UUID> {

    private final Db db;

    @Inject
    public AssociationRepository(Db db) {
        this.db = db;
    }

    /** The association, or null when it does not exist or lies outside the caller's scope. */
    public Uni<Association> byId(AccessScope scope, UUID id) {
        return db.one(Sql.select("SELECT " + Association.COLUMNS + " FROM association a").where("a.id = ?", id)
                .where(ScopeSql.associations(scope, "a")), Association::from);
    }

    /** One page of the associations the caller sees (one more row than asked, to tell whether more follow). */
    public Uni<List<Association>> page(AccessScope scope, AssociationFilter filter, AssociationOrder order, PageRequest page) {
        return db.list(keyset(order).page(filtered(scope, filter, "SELECT " + Association.COLUMNS + " FROM association a"), page),
                Association::from);
    }

    public Uni<Integer> count(AccessScope scope, AssociationFilter filter) {
        return db.count(filtered(scope, filter, "SELECT count(*) FROM association a"));
    }

    static Keyset keyset(AssociationOrder order) {
        return order == AssociationOrder.REGISTRATION_NUMBER ? Keyset.ascending("association", "a", "a.registration_number")
                : Keyset.ascending("association", "a", "a.name");
    }

    private static Sql filtered(AccessScope scope, AssociationFilter filter, String head) {
        Sql sql = Sql.select(head).where(ScopeSql.associations(scope, "a"));
        if (filter != null) {
            if (filter.academyCode() != null) {
                String academy = Inputs.required("academyCode", filter.academyCode(), 10);
                sql.where(Sql.Fragment.of("(a.province_code IN (SELECT p.code FROM province p WHERE p.academy_code = ?) OR a.id IN "
                        + "(SELECT c.association_id FROM center c JOIN province p ON p.code = c.province_code WHERE p.academy_code = ?) "
                        + "OR a.id IN (SELECT g.association_id FROM agreement g WHERE g.academy_code = ?))", academy, academy, academy));
            }
            if (filter.provinceCode() != null) {
                sql.where("a.province_code = ?", Inputs.required("provinceCode", filter.provinceCode(), 10));
            }
            if (filter.status() != null && !filter.status().isEmpty()) {
                sql.where("a.status = ANY(?)", (Object) filter.status().stream().map(Enum::name).toArray(String[]::new));
            }
            sql.where(TextSearch.matching(filter.search(), "a.name", "a.registration_number"));
        }
        return sql;
    }

    /** Inside a write transaction: whether the caller sees the association. */
    public Uni<Boolean> visibleInTx(AccessScope scope, UUID id) {
        return db.oneInTx(Sql.select("SELECT a.id FROM association a").where("a.id = ?", id)
                .where(ScopeSql.associations(scope, "a")), r -> true).map(found -> found != null);
    }

    /** Whether another association has this registration number. */
    public Uni<Boolean> registrationNumberTaken(String number, UUID self) {
        return count("registrationNumber = ?1 and id <> ?2", number, self == null ? new UUID(0, 0) : self).map(n -> n > 0);
    }

    public Uni<List<Association>> byIds(Collection<UUID> ids) {
        return db.list(Sql.select("SELECT " + Association.COLUMNS + " FROM association a")
                .where("a.id = ANY(?)", (Object) ids.toArray(UUID[]::new)), Association::from);
    }
}
