package ma.forsa.common;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import ma.forsa.ops.RequestIds;

/**
 * REST face of {@link ApiException}: the HTTP status of its code and the body
 * {@code {"code": ..., "message": ..., "field"?: ..., other extensions, "requestId": ...}} — the same keys as the
 * {@code extensions} of a GraphQL error, the message in the caller's language (Accept-Language).
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Inject
    CurrentVertxRequest request;

    @Override
    public Response toResponse(ApiException e) {
        RoutingContext ctx = request == null ? null : request.getCurrent();
        return response(e, ctx);
    }

    /** The REST answer of {@code e} for the request {@code ctx} (null: English, no request id). */
    public static Response response(ApiException e, RoutingContext ctx) {
        Locale locale = RequestCaller.locale(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code().name());
        body.put("message", e.message(locale));
        e.details().forEach((key, value) -> {
            if (!key.equals("code")) {
                body.put(key, value);
            }
        });
        if (ctx != null) {
            body.putIfAbsent("requestId", RequestIds.of(ctx));
        }
        return Response.status(status(e.code())).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** The HTTP status of each code (docs/api/errors.md). */
    public static int status(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case VALIDATION, BAD_REQUEST, GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, QUERY_TOO_COMPLEX -> 400;
            case PERSISTED_QUERY_NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case NOT_ACCEPTABLE -> 406;
            case CONFLICT, DUPLICATE_SUSPECTED, INVALID_TRANSITION, IDEMPOTENCY_KEY_IN_USE -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case CAPACITY_EXCEEDED, ANONYMISED, IDEMPOTENCY_KEY_REUSED -> 422;
            case TOO_MANY_SUBSCRIPTIONS -> 429;
            case INTERNAL -> 500;
        };
    }
}
