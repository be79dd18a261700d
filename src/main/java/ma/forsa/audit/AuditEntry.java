package ma.forsa.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ma.forsa.common.db.DbRow;

/** One event of the audit trail as GraphQL shows it (the persisted form is {@link AuditEvent}). */
@Type("AuditEvent")
@Description("One line of the append-only audit trail: who did what to which record, when, in which request.")
public record AuditEntry(
        @NonNull OffsetDateTime at,
        @Description("Who acted (the token's subject); null when withheld from the caller's role.") String subject,
        String role,
        @NonNull AuditAction action,
        @NonNull String entity,
        @Id String entityId,
        @Description("Changed fields: old and new values for ordinary fields, the field name alone for personal ones.")
        @NonNull List<@NonNull AuditChange> changes,
        String requestId) {

    static final String COLUMNS = "id, at, subject, role, action, entity, entity_id, changes, request_id";

    static AuditEntry from(DbRow row) {
        return new AuditEntry(row.timestamp("at"), row.string("subject"), row.string("role"),
                AuditAction.valueOf(row.string("action")), row.string("entity"), row.string("entity_id"),
                changes(row.value("changes")), row.string("request_id"));
    }

    AuditEntry withoutSubject() {
        return new AuditEntry(at, null, role, action, entity, entityId, changes, requestId);
    }

    /** Reads the jsonb written by {@link AuditChanges}: {field: {old, new}} or {field: "changed"} or notes. */
    static List<AuditChange> changes(Object json) {
        if (!(json instanceof JsonObject object)) {
            return List.of();
        }
        List<AuditChange> list = new ArrayList<>();
        for (Map.Entry<String, Object> e : object) {
            Object value = e.getValue();
            if (value instanceof JsonObject diff && diff.containsKey("old") && diff.containsKey("new") && diff.size() == 2) {
                list.add(new AuditChange(e.getKey(), text(diff.getValue("old")), text(diff.getValue("new")), false));
            } else if ("changed".equals(value)) {
                list.add(new AuditChange(e.getKey(), null, null, true));
            } else {
                list.add(new AuditChange(e.getKey(), null, text(value), false));
            }
        }
        return list;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof JsonObject || value instanceof JsonArray ? value.toString() : String.valueOf(value);
    }
}
