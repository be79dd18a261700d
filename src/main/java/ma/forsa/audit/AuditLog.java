package ma.forsa.audit;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.security.AccessScope;

/**
 * Writes audit events. {@link #record} joins the caller's Hibernate Reactive (Panache) transaction so that the event
 * and the change it describes commit or roll back together; {@link #recordAlone} is for events
 * that accompany no write (personal reads, exports, refused access).
 */
@ApplicationScoped
public class AuditLog {

    private final Pool pool;

    @Inject
    public AuditLog(Pool pool) {
        this.pool = pool;
    }

    /** Must run inside the caller's transaction (a {@code @WithTransaction} service method). */
    public Uni<Void> record(AccessScope scope, AuditAction action, String entity, Object entityId, Map<String, Object> changes) {
        AuditEvent event = new AuditEvent();
        event.at = Instant.now();
        event.subject = scope.subject();
        event.role = scope.role().name();
        event.action = action;
        event.entity = entity;
        event.entityId = entityId == null ? null : entityId.toString();
        event.changes = changes == null || changes.isEmpty() ? null : changes;
        event.requestId = scope.requestId();
        return event.persist().replaceWithVoid();
    }

    public Uni<Void> recordAlone(String subject, String role, String requestId, AuditAction action, String entity,
            Object entityId, Map<String, Object> changes) {
        return pool.preparedQuery("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes, request_id) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] { subject == null ? "anonymous" : subject, role, action.name(), entity,
                        entityId == null ? null : entityId.toString(),
                        changes == null || changes.isEmpty() ? null : new JsonObject(changes), requestId }))
                .replaceWithVoid();
    }

    public Uni<Void> recordAlone(AccessScope scope, AuditAction action, String entity, Object entityId,
            Map<String, Object> changes) {
        return recordAlone(scope.subject(), scope.role().name(), scope.requestId(), action, entity, entityId, changes);
    }
}
