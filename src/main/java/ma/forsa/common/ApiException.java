package ma.forsa.common;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;


import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import ma.forsa.common.i18n.Messages;

/**
 * A refusal the caller can act on. Its message says what to change; its code and extra fields
 * reach the client as {@code extensions} of the GraphQL error (and as the body of a REST error).
 */
public class ApiException extends RuntimeException implements GraphQLError {

    private final ErrorCode code;
    private final Map<String, Object> extensions;
    /** A catalogue key ({@link Messages}) rendering the message in the caller's language, or null (fixed text). */
    private final String key;
    private final Object[] args;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> details) {
        this(code, message, details, null, new Object[0]);
    }

    private ApiException(ErrorCode code, String message, Map<String, Object> details, String key, Object[] args) {
        super(message, null, false, false);
        this.code = code;
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", code.name());
        ext.putAll(details);
        this.extensions = Collections.unmodifiableMap(ext);
        this.key = key;
        this.args = args.clone();
    }

    /**
     * An error whose message is the catalogue's {@code key} with {@code args}, rendered in each caller's language
     * ({@link #message(Locale)}); {@link #getMessage()} is the English text (logs, tests).
     */
    public static ApiException keyed(ErrorCode code, Map<String, Object> details, String key, Object... args) {
        return new ApiException(code, Messages.text(Messages.ENGLISH, key, args), details, key, args);
    }

    public ErrorCode code() {
        return code;
    }

    /** The message in {@code locale} when it comes from the catalogue, else the fixed text. */
    public String message(Locale locale) {
        return key == null || locale == null ? getMessage() : Messages.text(locale, key, args);
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(ErrorCode.UNAUTHENTICATED, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message);
    }

    /** The same answer whether the record does not exist or lies outside the caller's scope (the id is not repeated). */
    public static ApiException notFound(String entity, Object id) {
        return keyed(ErrorCode.NOT_FOUND, Map.of(), "error.notFound", entity);
    }

    /** For {@code Uni.map}: passes a found record through, answers NOT_FOUND for null. */
    public static <T> UnaryOperator<T> orNotFound(String entity, Object id) {
        return found -> {
            if (found == null) {
                throw notFound(entity, id);
            }
            return found;
        };
    }

    public static ApiException validation(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION, message, Map.of("field", field));
    }

    /** VALIDATION on {@code field} with a catalogue message. */
    public static ApiException invalid(String field, String key, Object... args) {
        return keyed(ErrorCode.VALIDATION, Map.of("field", field), key, args);
    }

    public static ApiException conflict(String entity, Object id, int given, int current) {
        return keyed(ErrorCode.CONFLICT, Map.of("currentVersion", current), "error.conflict", entity, given, current);
    }

    public static ApiException duplicateSuspected(String message, Collection<?> candidateIds) {
        return new ApiException(ErrorCode.DUPLICATE_SUSPECTED, message,
                Map.of("candidates", candidateIds.stream().map(String::valueOf).toList()));
    }

    public static ApiException invalidTransition(String entity, Object from, Object to, Collection<?> allowed) {
        List<String> names = allowed.stream().map(String::valueOf).toList();
        return names.isEmpty()
                ? keyed(ErrorCode.INVALID_TRANSITION, Map.of("allowed", names), "error.transition.final", entity, String.valueOf(from),
                        String.valueOf(to))
                : keyed(ErrorCode.INVALID_TRANSITION, Map.of("allowed", names), "error.transition", entity, String.valueOf(from),
                        String.valueOf(to), String.join(", ", names));
    }

    public static ApiException capacityExceeded(String message) {
        return new ApiException(ErrorCode.CAPACITY_EXCEEDED, message);
    }

    /**
     * One error for the violations of a rule: the first gives the code, field and message; all of them are listed in
     * {@code extensions.violations} ({code, field, message}) so that a form can mark every field at once.
     */
    public static ApiException of(List<ma.forsa.common.rules.Violation> violations, java.util.Locale locale) {
        ma.forsa.common.rules.Violation first = violations.get(0);
        Map<String, Object> details = new LinkedHashMap<>();
        if (first.field() != null) {
            details.put("field", first.field());
        }
        if (violations.size() > 1) {
            details.put("violations", violations.stream().map(v -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("code", v.code().name());
                one.put("field", v.field());
                one.put("message", v.message(locale));
                return one;
            }).toList());
        }
        return new ApiException(first.code(), first.message(locale), details);
    }

    /** code and details as plain Java values (REST bodies). */
    public Map<String, Object> details() {
        return extensions;
    }

    /** For GraphQL: lists become JSON arrays (SmallRye would print any other non-JSON value as a string). */
    @Override
    public Map<String, Object> getExtensions() {
        Map<String, Object> ext = new LinkedHashMap<>();
        extensions.forEach((key, value) -> ext.put(key, json(value)));
        return ext;
    }

    private static Object json(Object value) {
        if (value instanceof Collection<?> list) {
            var array = Json.createArrayBuilder();
            list.forEach(item -> {
                Object v = json(item);
                if (v instanceof jakarta.json.JsonValue j) {
                    array.add(j);
                } else {
                    array.add(String.valueOf(v));
                }
            });
            return array.build();
        }
        if (value instanceof Map<?, ?> map) {
            var object = Json.createObjectBuilder();
            map.forEach((k, v) -> {
                Object j = json(v);
                if (j == null) {
                    object.addNull(String.valueOf(k));
                } else if (j instanceof jakarta.json.JsonValue jv) {
                    object.add(String.valueOf(k), jv);
                } else {
                    object.add(String.valueOf(k), String.valueOf(j));
                }
            });
            return object.build();
        }
        return value;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorClassification.errorClassification(code.name());
    }
}
