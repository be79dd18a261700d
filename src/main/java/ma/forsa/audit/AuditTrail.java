package ma.forsa.audit;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.common.ApiException;
import ma.forsa.common.Cursor;
import ma.forsa.common.PageInfo;
import ma.forsa.common.PageRequest;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

/** Reads the trail of one record, oldest first, keyset-paginated on the event id. */
@ApplicationScoped
public class AuditTrail {

    private final Pool pool;

    @Inject
    public AuditTrail(Pool pool) {
        this.pool = pool;
    }

    /** ADMIN reads everything; MINISTRY reads the trail with the acting subject withheld; others may not read it. */
    public static boolean mayRead(AccessScope scope) {
        return scope.role() == Role.ADMIN || scope.role() == Role.MINISTRY;
    }

    public static boolean seesSubject(AccessScope scope) {
        return scope.role() == Role.ADMIN;
    }

    public Uni<AuditEventConnection> of(AccessScope scope, String entity, String id, Integer first, String after) {
        if (!mayRead(scope)) {
            throw ApiException.forbidden("Only ADMIN (and MINISTRY, without the acting subjects) may read the audit trail.");
        }
        if (entity == null || entity.isBlank() || entity.length() > 40) {
            throw ApiException.validation("entity", "entity must name a kind of record, e.g. Learner, Agreement, Center.");
        }
        if (id == null || id.isBlank() || id.length() > 64) {
            throw ApiException.validation("id", "id must be the id of the record whose trail you want.");
        }
        PageRequest page = PageRequest.of(first, after, 1);
        long afterId;
        try {
            afterId = page.hasCursor() ? Long.parseLong(page.after().get(0)) : 0L;
        } catch (NumberFormatException e) {
            throw ApiException.validation("after", "after is not a cursor this list gave out: pass the endCursor of the "
                    + "previous page, or omit after to start from the first page.");
        }
        return pool.preparedQuery("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE entity = $1 AND entity_id = $2 "
                + "AND id > $3 ORDER BY id LIMIT $4")
                .execute(Tuple.of(entity, id, afterId, page.limit()))
                .map(rows -> {
                    List<AuditEventConnection.AuditEventEdge> edges = new ArrayList<>();
                    boolean more = false;
                    for (Row row : rows) {
                        if (edges.size() == page.first()) {
                            more = true;
                            break;
                        }
                        AuditEntry entry = AuditEntry.from(row);
                        edges.add(new AuditEventConnection.AuditEventEdge(Cursor.encode(row.getLong("id")),
                                seesSubject(scope) ? entry : entry.withoutSubject()));
                    }
                    String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
                    return new AuditEventConnection(edges, new PageInfo(more, end));
                });
    }
}
