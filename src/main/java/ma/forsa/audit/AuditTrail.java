package ma.forsa.audit;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.ApiException;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.common.paging.Cursor;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.Policy;

/**
 * Reads the trail of one record, oldest first, keyset-paginated on the event id. Partner records (associations,
 * agreements, tranches, amendments, centres) need READ_PARTNER_AUDIT (ADMIN, MINISTRY without the acting subjects);
 * learners, enrollments, outcomes and imports READ_LEARNER_AUDIT (ADMIN).
 */
@ApplicationScoped
public class AuditTrail {

    /** The kinds of partner records whose trail READ_PARTNER_AUDIT reaches. */
    static final Set<String> PARTNER_ENTITIES = Set.of("Association", "Agreement", "Tranche", "Amendment", "Center");

    private final Db db;

    @Inject
    public AuditTrail(Db db) {
        this.db = db;
    }

    public static boolean seesSubject(AccessScope scope) {
        return scope.isAdmin();
    }

    public Uni<AuditEventConnection> of(AccessScope scope, String entity, String id, Integer first, String after) {
        return of(scope, entity, id, first, after, false);
    }

    /** One page of the trail; {@code withTotal}: also count the whole trail (one more statement). */
    public Uni<AuditEventConnection> of(AccessScope scope, String entity, String id, Integer first, String after, boolean withTotal) {
        if (entity == null || entity.isBlank() || entity.length() > 40) {
            throw ApiException.validation("entity", "entity must name a kind of record, e.g. Learner, Agreement, Center.");
        }
        if (id == null || id.isBlank() || id.length() > 64) {
            throw ApiException.validation("id", "id must be the id of the record whose trail you want.");
        }
        Policy.require(scope, PARTNER_ENTITIES.contains(entity) ? Action.READ_PARTNER_AUDIT : Action.READ_LEARNER_AUDIT);
        PageRequest page = PageRequest.of(first, after);
        Sql sql = Sql.select("SELECT " + AuditEntry.COLUMNS + " FROM audit_event").where("entity = ?", entity)
                .where("entity_id = ?", id);
        if (page.hasCursor()) {
            sql.where("id > ?", Cursor.decodeLong(page.after()));
        }
        sql.then(" ORDER BY id" + page.limitClause());
        Uni<Integer> total = withTotal
                ? db.count(Sql.select("SELECT count(*) FROM audit_event").where("entity = ?", entity).where("entity_id = ?", id))
                : Uni.createFrom().item(0);
        return Uni.combine().all().unis(db.list(sql, r -> new Object[] { r.longValue("id"), AuditEntry.from(r) }), total).asTuple()
                .map(t -> {
            List<Object[]> rows = t.getItem1();
            Keyset.Page<AuditEventConnection.AuditEventEdge> p = Keyset.edges(rows, page, row -> row[0],
                    (cursor, row) -> new AuditEventConnection.AuditEventEdge(cursor,
                            seesSubject(scope) ? (AuditEntry) row[1] : ((AuditEntry) row[1]).withoutSubject()));
            return new AuditEventConnection(p.edges(), p.info(), t.getItem2());
        });
    }
}
