package ma.forsa.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changed fields of an audit event: old → new values for ordinary fields, the field name alone
 * for personal ones (the trail must not become a second copy of minors' data).
 */
public final class AuditChanges {

    private final Map<String, Object> changes = new LinkedHashMap<>();

    public static AuditChanges create() {
        return new AuditChanges();
    }

    /** Records {@code field} when its value changed. Values are kept as text. */
    public AuditChanges field(String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("old", before == null ? null : before.toString());
            diff.put("new", after == null ? null : after.toString());
            changes.put(field, diff);
        }
        return this;
    }

    /** Records only that a personal field changed, never its values. */
    public AuditChanges personal(String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.put(field, "changed");
        }
        return this;
    }

    /** Free-form context (totals of an import, the reason of a transition...), never personal data. */
    public AuditChanges note(String key, Object value) {
        changes.put(key, value instanceof List<?> || value instanceof Map<?, ?> || value == null ? value : value.toString());
        return this;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public Map<String, Object> toMap() {
        return changes;
    }
}
