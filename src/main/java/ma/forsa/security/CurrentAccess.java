package ma.forsa.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.ext.web.RoutingContext;
import ma.forsa.common.ApiException;
import ma.forsa.ops.RequestIds;

/**
 * Builds the caller's {@link AccessScope} once per request from the bearer token. Verification is
 * done here rather than by the HTTP layer so that GraphQL answers a bad token with an
 * UNAUTHENTICATED error in the GraphQL shape instead of a bare 401.
 */
@RequestScoped
public class CurrentAccess {

    private static final Logger LOG = Logger.getLogger(CurrentAccess.class);

    private final JWTParser parser;
    private final CurrentVertxRequest request;
    private final RefusedAccessLog refusedAccessLog;
    private AccessScope scope;
    private ApiException refusal;

    @Inject
    public CurrentAccess(JWTParser parser, CurrentVertxRequest request, RefusedAccessLog refusedAccessLog) {
        this.parser = parser;
        this.request = request;
        this.refusedAccessLog = refusedAccessLog;
    }

    /** The caller's scope; throws UNAUTHENTICATED or FORBIDDEN when the request carries no usable token. */
    public AccessScope require() {
        if (scope == null && refusal == null) {
            resolve();
        }
        if (refusal != null) {
            throw refusal;
        }
        return scope;
    }

    private void resolve() {
        RoutingContext ctx = request.getCurrent();
        String requestId = ctx == null ? null : RequestIds.of(ctx);
        String header = ctx == null ? null : ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            refuse(ApiException.unauthenticated("This operation needs a bearer token: send 'Authorization: Bearer <JWT>'."),
                    null, requestId, "no bearer token");
            return;
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(header.substring(7).trim());
        } catch (ParseException e) {
            refuse(ApiException.unauthenticated("The bearer token was refused (bad signature, issuer, audience or "
                    + "expired). Obtain a new token and try again."), null, requestId, "invalid token: " + reason(e));
            return;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : jwt.getGroups()) {
            Role.parse(group).ifPresent(roles::add);
        }
        String subject = Optional.ofNullable(jwt.getSubject()).orElse(jwt.getName());
        if (roles.isEmpty()) {
            refuse(ApiException.forbidden("Your token carries no Forsa role (groups must include one of ADMIN, MINISTRY, "
                    + "ACADEMY_OFFICER, ASSOCIATION_STAFF)."), subject, requestId, "no known role");
            return;
        }
        Role role = roles.stream().min(Enum::compareTo).orElseThrow();
        String academy = claim(jwt, "academy");
        String association = claim(jwt, "association");
        UUID associationId = null;
        if (role == Role.ACADEMY_OFFICER && academy == null) {
            refuse(ApiException.forbidden("An ACADEMY_OFFICER token must carry the 'academy' claim (academy code)."),
                    subject, requestId, "missing academy claim");
            return;
        }
        if (association != null) {
            try {
                associationId = UUID.fromString(association);
            } catch (IllegalArgumentException e) {
                associationId = null;
            }
        }
        if (role == Role.ASSOCIATION_STAFF && associationId == null) {
            refuse(ApiException.forbidden("An ASSOCIATION_STAFF token must carry the 'association' claim (association id)."),
                    subject, requestId, "missing or malformed association claim");
            return;
        }
        scope = new AccessScope(subject == null ? "unknown" : subject, role, roles, academy, associationId, requestId);
    }

    private void refuse(ApiException error, String subject, String requestId, String why) {
        refusal = error;
        LOG.debugf("Refused access: %s", why);
        refusedAccessLog.record(subject, requestId, error.code().name(), why);
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        String text = value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        return text.isBlank() ? null : text;
    }

    private static String reason(ParseException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        // jose4j messages can quote claim values; keep only the first clause.
        return message == null ? cause.getClass().getSimpleName() : message.split("[:(]")[0].trim();
    }
}
