package ma.forsa.security;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.graphql.SocketCallers;

/**
 * The callers of GraphQL over websocket (common/graphql/GraphQLSockets): the same verification, standing and access
 * grants as an HTTP request ({@link AccessResolver}), resolved once per connection; the scope is bound to each
 * subscription's context so that {@link CurrentAccess} and {@link Requires} apply unchanged.
 */
@ApplicationScoped
public class SocketAccess implements SocketCallers {

    private final AccessResolver resolver;
    private final AccessRefusals refusals;

    @Inject
    public SocketAccess(AccessResolver resolver, AccessRefusals refusals) {
        this.resolver = resolver;
        this.refusals = refusals;
    }

    @Override
    public Caller ofUpgrade(RoutingContext upgrade) {
        AccessResolver.Resolved resolved = upgrade.get(AccessResolver.KEY);
        if (resolved == null) {
            return null;
        }
        if (resolved.refusal() != null) {
            throw resolved.refusal();
        }
        if (resolved.scope() == null) {
            return null;
        }
        AccessResolver.Identity identity = resolver.identify(upgrade.request().getHeader("Authorization"));
        return caller(resolved.scope(), identity);
    }

    @Override
    public Uni<Caller> authenticate(String authorization, String requestId, Locale locale) {
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().failure(missing());
        }
        AccessResolver.Identity identity;
        try {
            identity = resolver.identify(authorization);
        } catch (ApiException refusal) {
            return Uni.createFrom().failure(refusal);
        }
        return resolver.resolve(identity, requestId, locale).map(scope -> caller(scope, identity));
    }

    @Override
    public void bind(Caller caller) {
        ContextLocals.put(AccessResolver.KEY, new AccessResolver.Resolved((AccessScope) caller.access(), null));
    }

    @Override
    public ApiException missing() {
        refusals.unauthenticated("no token");
        return ApiException.keyed(ErrorCode.UNAUTHENTICATED, Map.of(), "auth.missing");
    }

    private static Caller caller(AccessScope scope, AccessResolver.Identity identity) {
        return new Caller(scope.subject(), Instant.ofEpochMilli(identity.expiresAtMillis()), scope.locale(), scope);
    }
}
