package ma.forsa.common.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.RequestScoped;

/**
 * Parents already read with their children because the document selected them (one statement for
 * {@code agreement(id) { … association { name } }} instead of two; a page of learners' enrollments with their centres), or
 * known as the children's own parent (a centre's enrollments). The look-up puts them here; the batch
 * resolver of the relation serves them from here when every parent of its batch is known, and reads the rest as usual.
 * Scope: one request, so nothing outlives the caller's view.
 */
@RequestScoped
public class Joined {

    private final Map<String, Object> values = new ConcurrentHashMap<>();

    public <T> void put(Class<T> type, String id, T value) {
        if (id != null && value != null) {
            values.put(type.getName() + '/' + id, value);
        }
    }

    /**
     * The parents put for each of {@code ids} in this request, in their order; null unless every one is known (the batch
     * resolver then reads them all as usual).
     */
    public <T> List<T> all(Class<T> type, List<String> ids) {
        List<T> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            T value = get(type, id);
            if (value == null) {
                return null;
            }
            found.add(value);
        }
        return found;
    }

    /** The parent put for {@code id} in this request, or null. */
    public <T> T get(Class<T> type, String id) {
        return id == null ? null : type.cast(values.get(type.getName() + '/' + id));
    }
}
