package ma.forsa.common.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ma.forsa.common.ApiException;

/**
 * A value checked by a rule, with every violation found (none when the value is usable). {@link #orThrow} turns the
 * violations into one API error (the first as its code, field and message, all of them in
 * {@code extensions.violations}).
 */
public record Checked<T>(T value, List<Violation> violations) {

    public Checked {
        violations = List.copyOf(violations);
    }

    public static <T> Checked<T> ok(T value) {
        return new Checked<>(value, List.of());
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    public T orThrow(Locale locale) {
        if (!violations.isEmpty()) {
            throw ApiException.of(violations, locale);
        }
        return value;
    }

    /** Collects violations while a rule runs. */
    public static final class Collector {
        private final List<Violation> found = new ArrayList<>();

        public Collector add(Violation v) {
            found.add(v);
            return this;
        }

        public Collector addAll(List<Violation> vs) {
            found.addAll(vs);
            return this;
        }

        public boolean has(String field) {
            return found.stream().anyMatch(v -> field.equals(v.field()));
        }

        public boolean isEmpty() {
            return found.isEmpty();
        }

        public List<Violation> list() {
            return List.copyOf(found);
        }

        public <T> Checked<T> result(T value) {
            return new Checked<>(found.isEmpty() ? value : null, found);
        }
    }
}
