package ma.forsa.association;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.Sql;
import ma.forsa.security.AccessScope;

/** Reads of associations with the caller's scope applied in SQL. */
@ApplicationScoped
public class AssociationQueries {

    private final PartnerSql sql;

    @Inject
    public AssociationQueries(PartnerSql sql) {
        this.sql = sql;
    }

    /** The association, or null when it does not exist or lies outside the caller's scope. */
    public Uni<Association> byId(AccessScope scope, UUID id) {
        Sql where = PartnerScope.associations(new Sql().and("a.id = ?", id), scope, "a");
        return sql.one("SELECT " + Association.COLUMNS + " FROM association a" + where.where(), where.tuple(), Association::from);
    }

    /** What a write needs to know of an association the caller sees (null when not visible). */
    public record Party(UUID id, String name, AssociationStatus status, String provinceCode) {
    }

    /** {@link #byId} for use inside a write transaction (runs on the transaction's connection). */
    public Uni<Party> partyInTransaction(AccessScope scope, UUID id) {
        Sql where = PartnerScope.associations(new Sql().and("a.id = ?", id), scope, "a");
        return TxReads.rows("SELECT a.name, a.status, a.province_code FROM association a" + where.where(), where.params())
                .map(rows -> rows.isEmpty() ? null
                        : new Party(id, (String) rows.get(0)[0], AssociationStatus.valueOf((String) rows.get(0)[1]),
                                (String) rows.get(0)[2]));
    }

    /** One statement for a whole batch; no scope filter (callers pass ids of records already in scope). */
    public Uni<List<Association>> byIds(Collection<UUID> ids) {
        return sql.list("SELECT " + Association.COLUMNS + " FROM association a WHERE a.id = ANY($1)",
                io.vertx.mutiny.sqlclient.Tuple.of(ids.toArray(UUID[]::new)), Association::from);
    }
}
