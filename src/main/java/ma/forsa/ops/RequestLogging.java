package ma.forsa.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One structured line per HTTP request: method, path (never the query string, which could carry
 * personal data), status, duration, request id. The id is echoed in the response header.
 */
@ApplicationScoped
public class RequestLogging {

    private static final Logger LOG = Logger.getLogger("forsa.http");

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::log);
    }

    private void log(RoutingContext ctx) {
        long start = System.nanoTime();
        String requestId = RequestIds.of(ctx);
        MDC.put("requestId", requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        ctx.addEndHandler(done -> {
            String path = ctx.normalizedPath();
            if (!path.startsWith("/q/health") && !path.startsWith("/q/metrics")) {
                LOG.infof("method=%s path=%s status=%d durationMs=%d requestId=%s", ctx.request().method(), path,
                        ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000, requestId);
            }
        });
        ctx.next();
    }
}
