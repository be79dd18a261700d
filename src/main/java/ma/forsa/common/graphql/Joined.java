package ma.forsa.common.graphql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.RequestScoped;

/**
 * Parents a single look-up already read in its own statement because the document selected them (one statement
 * for {@code agreement(id) { … association { name } }} instead of two). The look-up puts them here; the batch
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

    /** The parent put for {@code id} in this request, or null. */
    public <T> T get(Class<T> type, String id) {
        return id == null ? null : type.cast(values.get(type.getName() + '/' + id));
    }
}
