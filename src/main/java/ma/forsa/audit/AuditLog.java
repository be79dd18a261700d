package ma.forsa.audit;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.security.AccessRefusals.AccessRefused;
import ma.forsa.security.AccessScope;

/**
 * Writes audit events. {@link #record} joins the caller's Panache transaction so that the event and the change it
 * describes commit or roll back together; {@link #recordAlone} is for events that accompany no write (personal
 * reads, exports, refused access).
 */
@ApplicationScoped
public class AuditLog implements PanacheRepositoryBase<AuditEvent, Long> {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final Db db;

    @Inject
    public AuditLog(Db db) {
        this.db = db;
    }

    /** Must run inside the caller's transaction (a {@code @WithTransaction} service method). */
    public Uni<Void> record(AccessScope scope, AuditAction action, String entity, Object entityId, Map<String, Object> changes) {
        AuditEvent event = new AuditEvent();
        event.subject = scope.subject();
        event.role = scope.role().name();
        event.action = action;
        event.entity = entity;
        event.entityId = entityId == null ? null : entityId.toString();
        event.changes = changes == null || changes.isEmpty() ? null : changes;
        event.requestId = scope.requestId();
        return persist(event).replaceWithVoid();
    }

    public Uni<Void> recordAlone(AccessScope scope, AuditAction action, String entity, Object entityId,
            Map<String, Object> changes) {
        return db.write(Sql.of("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes, request_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", scope.subject(), scope.role().name(), action.name(), entity,
                entityId == null ? null : entityId.toString(), changes == null || changes.isEmpty() ? null : new JsonObject(changes),
                scope.requestId())).replaceWithVoid();
    }

    /** An authenticated caller refused by the policy: one REFUSED event (subject, role, action; no record content). */
    void refused(@ObservesAsync AccessRefused refused) {
        recordAlone(refused.scope(), AuditAction.REFUSED, "Access", null, Map.of("code", "FORBIDDEN", "action",
                refused.action().name())).subscribe().with(ok -> {
                }, failure -> LOG.warnf("Could not audit a refused access: %s", failure.getClass().getSimpleName()));
    }
}
