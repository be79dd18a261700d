package ma.forsa.common;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * REST face of {@link ApiException}: the HTTP status of its code and the body
 * {@code {"code": ..., "message": ..., "field"?: ..., other extensions}} — the same keys as the
 * {@code extensions} of a GraphQL error.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code().name());
        body.put("message", e.getMessage());
        e.details().forEach((key, value) -> {
            if (!key.equals("code")) {
                body.put(key, value);
            }
        });
        return Response.status(status(e.code())).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    public static int status(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case VALIDATION -> 400;
            case CONFLICT, DUPLICATE_SUSPECTED, INVALID_TRANSITION -> 409;
            case CAPACITY_EXCEEDED, ANONYMISED -> 422;
            case INTERNAL -> 500;
        };
    }
}
