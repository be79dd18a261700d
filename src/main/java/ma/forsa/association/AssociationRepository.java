package ma.forsa.association;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
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
