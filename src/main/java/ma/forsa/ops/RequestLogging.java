package ma.forsa.ops;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One structured line per HTTP request, in every profile: method, path (never the query string, which could carry
 * personal data), status, duration, request id. The id is echoed in the response header and kept in the logging
 * context (MDC {@code requestId}) of the request.
 * <p>
 * The line is written when the response's body has been written ({@code addBodyEndHandler}), with the response's
 * end or close as a fallback: SmallRye GraphQL replaces the response's end handler (where Vert.x Web keeps the
 * handlers of {@code addEndHandler}), so an end handler alone never saw {@code POST /graphql}, the one path production
 * publishes.
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
        AtomicBoolean written = new AtomicBoolean();
        ctx.addBodyEndHandler(done -> line(ctx, start, requestId, written));
        ctx.addEndHandler(done -> line(ctx, start, requestId, written));
        ctx.next();
    }

    private static void line(RoutingContext ctx, long start, String requestId, AtomicBoolean written) {
        String path = ctx.normalizedPath();
        if (path.startsWith("/q/health") || path.startsWith("/q/metrics") || !written.compareAndSet(false, true)) {
            return;
        }
        LOG.infof("method=%s path=%s status=%d durationMs=%d requestId=%s", ctx.request().method(), path,
                ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000, requestId);
    }
}
