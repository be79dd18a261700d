package ma.forsa.common;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import ma.forsa.ops.RequestIds;

/**
 * Every REST failure that is not a deliberate {@link ApiException} gets the same body shape: HTTP errors raised by
 * the framework (unknown path, wrong method, malformed body) their status and a code of the list; anything else
 * the generic INTERNAL message with the request id — never a class name, host, SQL state or stack trace. The
 * failure is logged by {@link SafeLog} (classes and constraint names, no values).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

    @Inject
    CurrentVertxRequest request;

    @Override
    public Response toResponse(Throwable failure) {
        RoutingContext ctx = request == null ? null : request.getCurrent();
        Throwable translated = Constraints.translate(failure);
        if (translated instanceof ApiException api) {
            return ApiExceptionMapper.response(api, ctx);
        }
        if (failure instanceof WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            ApiException mapped = switch (status) {
                case 401 -> ApiException.keyed(ErrorCode.UNAUTHENTICATED, Map.of(), "auth.missing");
                case 403 -> ApiException.keyed(ErrorCode.FORBIDDEN, Map.of(), "rest.forbidden");
                case 404 -> ApiException.keyed(ErrorCode.NOT_FOUND, Map.of(), "rest.notFound");
                case 405 -> ApiException.keyed(ErrorCode.METHOD_NOT_ALLOWED, Map.of(), "rest.method");
                case 406 -> ApiException.keyed(ErrorCode.NOT_ACCEPTABLE, Map.of(), "rest.notAcceptable");
                case 413 -> ApiException.keyed(ErrorCode.PAYLOAD_TOO_LARGE, Map.of(), "rest.tooLarge");
                case 415 -> ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "rest.unsupported");
                default -> ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "rest.badRequest");
            };
            Response base = ApiExceptionMapper.response(mapped, ctx);
            Response.ResponseBuilder answer = Response.status(status).type(base.getMediaType()).entity(base.getEntity());
            web.getResponse().getHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase("Allow")) {
                    values.forEach(v -> answer.header(name, v));
                }
            });
            return answer.build();
        }
        String requestId = ctx == null ? "-" : RequestIds.of(ctx);
        LOG.errorf("Unexpected failure of a REST request (requestId=%s): %s", requestId, SafeLog.describe(failure));
        return ApiExceptionMapper.response(internal(requestId), ctx);
    }

    /** The generic INTERNAL error of a request. */
    public static ApiException internal(String requestId) {
        return ApiException.keyed(ErrorCode.INTERNAL, Map.of("requestId", requestId), "error.internal", requestId);
    }
}
