package ma.forsa.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import jakarta.enterprise.context.RequestScoped;

/**
 * The fields this request answered with null because the caller's role may not see them. Resolvers
 * call {@link #withhold}; {@link WithheldExtension} turns the list into the response's
 * {@code extensions.withheld}, so that the page renders and the client can say why a value is blank:
 * <pre>{"withheld": {"personalData": "withheld for role ACADEMY_OFFICER", "fields": ["Learner.firstName", ...]}}</pre>
 */
@RequestScoped
public class WithheldFields {

    private final Set<String> fields = new ConcurrentSkipListSet<>();
    private volatile Role role;

    /** Records that {@code type.field} (e.g. "Learner", "massarCode") was withheld from {@code scope}'s role. */
    public void withhold(AccessScope scope, String type, String field) {
        role = scope.role();
        fields.add(type + "." + field);
    }

    public void withhold(AccessScope scope, String type, Collection<String> names) {
        names.forEach(name -> withhold(scope, type, name));
    }

    /** {@code value} when the role may see it, else null (and the field is listed as withheld). */
    public <T> T visibleOrWithheld(boolean allowed, AccessScope scope, String type, String field, T value) {
        if (allowed) {
            return value;
        }
        withhold(scope, type, field);
        return null;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The {@code extensions.withheld} value, or null when nothing was withheld. */
    public Map<String, Object> extension() {
        if (fields.isEmpty()) {
            return null;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("personalData", "withheld for role " + role);
        value.put("fields", java.util.List.copyOf(fields));
        return value;
    }
}
