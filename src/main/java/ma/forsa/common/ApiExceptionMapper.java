package ma.forsa.common;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** REST endpoints refuse with the same codes as GraphQL: a JSON body {code, message, ...extensions} and an HTTP status. */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response map(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code().name());
        body.put("message", e.getMessage());
        e.getExtensions().forEach((k, v) -> {
            if (!"code".equals(k) && !"classification".equals(k)) {
                body.put(k, v);
            }
        });
        return Response.status(status(e.code())).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case VALIDATION -> 400;
            default -> 409;
        };
    }
}
