package ma.forsa.common.graphql;

import java.time.Instant;
import java.util.Locale;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import ma.forsa.common.ApiException;

/**
 * How the websocket endpoint ({@link GraphQLSockets}) learns who is connected, without common/ depending on security/
 * (which implements it): the caller of the upgrade request, or of the token sent in {@code connection_init}, and the
 * binding of that caller to the Vert.x context a subscription's resolver runs on (so that {@code CurrentAccess} and
 * {@code @Requires} see it as for any query).
 */
public interface SocketCallers {

    /** A verified caller: its subject, when its token expires, its language, and what security/ keeps of it. */
    record Caller(String subject, Instant expiresAt, Locale locale, Object access) {
    }

    /**
     * The caller of the upgrade request as the access layer resolved it: null when it carried no Authorization header;
     * throws the refusal (UNAUTHENTICATED, FORBIDDEN) when the header is not usable.
     */
    Caller ofUpgrade(RoutingContext upgrade);

    /**
     * The caller of an Authorization value ({@code Bearer ...}) sent in {@code connection_init}: fails with the refusal
     * (UNAUTHENTICATED when missing, malformed, invalid or expired; FORBIDDEN without a role).
     */
    Uni<Caller> authenticate(String authorization, String requestId, Locale locale);

    /** Makes {@code caller} the caller of the current (duplicated) Vert.x context. */
    void bind(Caller caller);

    /** The refusal for a connection that sent no token at all. */
    ApiException missing();
}
