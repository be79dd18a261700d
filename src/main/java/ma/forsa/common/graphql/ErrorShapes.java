package ma.forsa.common.graphql;

import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ma.forsa.common.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import ma.forsa.common.ApiException;
import ma.forsa.common.Constraints;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.SafeLog;
import ma.forsa.common.UnexpectedExceptionMapper;

/**
 * The one shape of Forsa's GraphQL errors: {@code {message, locations?, path?, extensions: {code, field?, ...}}}, the
 * code from {@link ErrorCode}, the message in the caller's language, never a value the client sent, a class name, a
 * host or SQL. Deliberate errors ({@link ApiException}, also when a database constraint or an optimistic lock
 * explains the failure: {@link Constraints}) keep their code and details; GraphQL validation and coercion errors get
 * GRAPHQL_VALIDATION_FAILED / VALIDATION; anything else is INTERNAL with the request id, and is logged by
 * {@link SafeLog} (classes and constraint names only).
 */
final class ErrorShapes {

    private static final Logger LOG = Logger.getLogger(ErrorShapes.class);
    private static final Pattern ARGUMENT = Pattern.compile("argument '([A-Za-z0-9_.\\[\\]]{1,200})'");
    private static final Pattern VARIABLE = Pattern.compile("[Vv]ariable '([A-Za-z0-9_]{1,100})'");
    /** Validation errors whose graphql-java message names only parts of the document and the schema, never a value. */
    private static final java.util.Set<ValidationErrorType> KEEP_MESSAGE = java.util.EnumSet.of(ValidationErrorType.FieldUndefined,
            ValidationErrorType.UnknownArgument, ValidationErrorType.MissingFieldArgument, ValidationErrorType.SubselectionRequired,
            ValidationErrorType.SubselectionNotAllowed, ValidationErrorType.UnknownType, ValidationErrorType.UndefinedVariable,
            ValidationErrorType.UnusedVariable, ValidationErrorType.UndefinedFragment, ValidationErrorType.UnusedFragment,
            ValidationErrorType.LoneAnonymousOperationViolation, ValidationErrorType.DuplicateOperationName,
            ValidationErrorType.DuplicateFragmentName, ValidationErrorType.DuplicateArgumentNames,
            ValidationErrorType.DuplicateVariableName, ValidationErrorType.UnknownDirective, ValidationErrorType.MisplacedDirective,
            ValidationErrorType.InvalidFragmentType, ValidationErrorType.NonInputTypeOnVariable,
            ValidationErrorType.VariableTypeMismatch, ValidationErrorType.FieldsConflict, ValidationErrorType.NullValueForNonNullArgument,
            ValidationErrorType.WrongType);

    private ErrorShapes() {
    }

    /** One shaped error and its code. */
    record Shaped(ErrorCode code, JsonObject json) {
    }

    static Shaped shape(GraphQLError error, Locale locale, String requestId) {
        if (error instanceof ApiException api) {
            return api(api, error.getLocations(), error.getPath(), locale);
        }
        if (error instanceof ExceptionWhileDataFetching fetching) {
            Throwable cause = unwrap(fetching.getException());
            Throwable translated = Constraints.translate(cause);
            if (translated instanceof ApiException api) {
                return api(api, error.getLocations(), error.getPath(), locale);
            }
            LOG.errorf("Unexpected failure resolving %s (requestId=%s): %s", pathText(error.getPath()), requestId,
                    SafeLog.describe(cause));
            return api(UnexpectedExceptionMapper.internal(requestId), error.getLocations(), error.getPath(), locale);
        }
        if (error instanceof ValidationError validation) {
            return validation(validation, locale);
        }
        if (error.getClass().getName().startsWith("graphql.introspection.GoodFaithIntrospection")) {
            return api(ApiException.keyed(ErrorCode.QUERY_TOO_COMPLEX, Map.of("limit", "introspection"), "graphql.cost.introspection"),
                    error.getLocations(), null, locale);
        }
        if (error instanceof graphql.introspection.IntrospectionDisabledError) {
            return api(ApiException.keyed(ErrorCode.GRAPHQL_VALIDATION_FAILED, Map.of(), "graphql.introspection.off"),
                    error.getLocations(), null, locale);
        }
        if (error instanceof AbortExecutionException abort) {
            String message = abort.getMessage() == null ? "" : abort.getMessage();
            Matcher depth = Pattern.compile("maximum query depth exceeded (\\d+) > (\\d+)").matcher(message);
            if (depth.find()) {
                return api(ApiException.keyed(ErrorCode.QUERY_TOO_COMPLEX,
                        Map.of("depth", Integer.parseInt(depth.group(1)), "limit", Integer.parseInt(depth.group(2))), "graphql.cost.depth",
                        Integer.parseInt(depth.group(1)), Integer.parseInt(depth.group(2))), null, null, locale);
            }
        }
        if (error instanceof graphql.schema.CoercingParseValueException || error instanceof graphql.execution.NonNullableValueCoercedAsNullException
                || error instanceof graphql.execution.InputMapDefinesTooManyFieldsException
                || error instanceof graphql.execution.OneOfNullValueException || error instanceof graphql.execution.OneOfTooManyKeysException) {
            String field = match(VARIABLE, error.getMessage());
            return api(ApiException.invalid(field == null ? "variables" : field, "input.wrongType", field == null ? "variables" : field,
                    "see the schema"), error.getLocations(), null, locale);
        }
        if (error instanceof graphql.execution.UnknownOperationException) {
            return api(ApiException.keyed(ErrorCode.GRAPHQL_VALIDATION_FAILED, Map.of(), "graphql.operation.missing"), null, null,
                    locale);
        }
        LOG.errorf("Unexpected GraphQL error of type %s (requestId=%s)", error.getClass().getName(), requestId);
        return api(UnexpectedExceptionMapper.internal(requestId), error.getLocations(), error.getPath(), locale);
    }

    private static Shaped validation(ValidationError error, Locale locale) {
        ValidationErrorType type = error.getValidationErrorType() instanceof ValidationErrorType t ? t : null;
        String description = error.getDescription() == null ? "" : error.getDescription();
        boolean echoes = description.contains(" with value ") || description.contains("StringValue{")
                || description.contains("Unknown Scalar Type") || type == null;
        if (type == ValidationErrorType.WrongType || echoes) {
            String argument = match(ARGUMENT, description);
            String field = argument == null ? null : argument.contains(".") ? argument.substring(argument.indexOf('.') + 1) : argument;
            if (field != null) {
                return api(ApiException.invalid(field, "input.wrongType", field, "see the schema"), error.getLocations(), null, locale);
            }
            return api(ApiException.keyed(ErrorCode.GRAPHQL_VALIDATION_FAILED, Map.of(), "graphql.validation.generic",
                    type == null ? "validation" : type.name()), error.getLocations(), null, locale);
        }
        if (KEEP_MESSAGE.contains(type)) {
            return api(ApiException.keyed(ErrorCode.GRAPHQL_VALIDATION_FAILED, Map.of("rule", type.name()), "graphql.validation",
                    description), error.getLocations(), null, locale);
        }
        return api(ApiException.keyed(ErrorCode.GRAPHQL_VALIDATION_FAILED, Map.of("rule", type.name()), "graphql.validation.generic",
                type.name()), error.getLocations(), null, locale);
    }

    /** The JSON of a deliberate error. */
    static Shaped api(ApiException e, List<SourceLocation> locations, List<Object> path, Locale locale) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("message", e.message(locale));
        if (locations != null && !locations.isEmpty()) {
            JsonArrayBuilder locs = Json.createArrayBuilder();
            locations.forEach(l -> locs.add(Json.createObjectBuilder().add("line", l.getLine()).add("column", l.getColumn())));
            json.add("locations", locs);
        }
        if (path != null && !path.isEmpty()) {
            JsonArrayBuilder p = Json.createArrayBuilder();
            path.forEach(segment -> {
                if (segment instanceof Number n) {
                    p.add(n.intValue());
                } else {
                    p.add(String.valueOf(segment));
                }
            });
            json.add("path", p);
        }
        JsonObjectBuilder ext = Json.createObjectBuilder();
        e.details().forEach((key, value) -> ext.add(key, toJson(value)));
        json.add("extensions", ext);
        return new Shaped(e.code(), json.build());
    }

    static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue j) {
            return j;
        }
        if (value instanceof String s) {
            return Json.createValue(s);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return Json.createValue(new java.math.BigDecimal(n.toString()));
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder o = Json.createObjectBuilder();
            map.forEach((k, v) -> o.add(String.valueOf(k), toJson(v)));
            return o.build();
        }
        if (value instanceof Collection<?> list) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            list.forEach(v -> a.add(toJson(v)));
            return a.build();
        }
        return Json.createValue(String.valueOf(value));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        for (int i = 0; i < 10 && current != null; i++) {
            boolean wrapper = current instanceof CompletionException || current instanceof ExecutionException
                    || current instanceof InvocationTargetException || current.getClass().getSimpleName().equals("DataFetcherException")
                    || current.getClass().getSimpleName().equals("GraphQLException");
            if (!wrapper || current.getCause() == null || current.getCause() == current) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }

    private static String match(Pattern pattern, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String pathText(List<Object> path) {
        return path == null ? "-" : path.stream().map(String::valueOf).reduce((a, b) -> a + "/" + b).orElse("-");
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
