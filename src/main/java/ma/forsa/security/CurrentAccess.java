package ma.forsa.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.ext.web.RoutingContext;
import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;

/**
 * The caller of the current request, as {@link AccessResolver} resolved it before the request reached GraphQL or
 * REST code. Reads it from the request's Vert.x context, so that resolvers running late (batched fields, after a
 * client has disconnected) see the same caller and never invent a refusal.
 */
@ApplicationScoped
public class CurrentAccess {

    private final CurrentVertxRequest request;
    private final AccessRefusals refusals;

    @Inject
    public CurrentAccess(CurrentVertxRequest request, AccessRefusals refusals) {
        this.request = request;
        this.refusals = refusals;
    }

    /** The caller's scope; throws UNAUTHENTICATED or FORBIDDEN when the request carries no usable token. */
    public AccessScope require() {
        AccessResolver.Resolved resolved = resolved();
        if (resolved == null) {
            throw new IllegalStateException("No access was resolved for this request");
        }
        if (resolved.refusal() != null) {
            throw resolved.refusal();
        }
        if (resolved.scope() == null) {
            if (resolved.counted().compareAndSet(false, true)) {
                refusals.unauthenticated("no token");
            }
            throw ApiException.keyed(ErrorCode.UNAUTHENTICATED, java.util.Map.of(), "auth.missing");
        }
        return resolved.scope();
    }

    private AccessResolver.Resolved resolved() {
        try {
            AccessResolver.Resolved local = ContextLocals.<AccessResolver.Resolved> get(AccessResolver.KEY).orElse(null);
            if (local != null) {
                return local;
            }
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // not on a duplicated context
        }
        RoutingContext ctx = request.getCurrent();
        return ctx == null ? null : ctx.get(AccessResolver.KEY);
    }
}
