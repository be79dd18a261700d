package ma.forsa.security;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ma.forsa.common.ApiException;
import ma.forsa.common.RequestCaller;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.db.Db;
import ma.forsa.common.i18n.Messages;
import ma.forsa.common.db.Sql;
import ma.forsa.ops.RequestIds;

/**
 * Builds the caller's {@link AccessScope} once per HTTP request, before any GraphQL or REST code runs: verifies
 * the bearer token (verified identities are cached per token, bounded, until the token expires and at most
 * {@link #MAX_TOKEN_AGE}), reads the standing of the caller's association (cached {@link #STANDING_TTL}, dropped
 * at once on this replica when the association changes status), reads an ACADEMY_OFFICER's live access grants
 * ({@link IdentityGrants}, every request), and keeps the result with the request (its
 * Vert.x context), where {@link CurrentAccess} reads it. A request without a usable token carries the refusal
 * instead, which the operations that need a caller throw (UNAUTHENTICATED / FORBIDDEN).
 */
@ApplicationScoped
public class AccessResolver {

    private static final Logger LOG = Logger.getLogger(AccessResolver.class);
    static final String KEY = "forsa.access";
    static final Duration MAX_TOKEN_AGE = Duration.ofMinutes(5);
    static final Duration STANDING_TTL = Duration.ofSeconds(5);

    /** The verified part of a token (everything but the request id). */
    record Identity(String subject, Role role, Set<Role> roles, String academy, UUID association, long expiresAtMillis) {
    }

    /** What the request carries: a scope, or the refusal to throw when an operation needs one. */
    record Resolved(AccessScope scope, ApiException refusal, java.util.concurrent.atomic.AtomicBoolean counted) {

        Resolved(AccessScope scope, ApiException refusal) {
            this(scope, refusal, new java.util.concurrent.atomic.AtomicBoolean(refusal != null));
        }
    }

    private final JWTParser parser;
    private final Db db;
    private final java.time.Clock clock;
    private final AccessRefusals refusals;
    private final Cache<String, Identity> identities = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfter(new Expiry<String, Identity>() {
                @Override
                public long expireAfterCreate(String token, Identity id, long now) {
                    long untilExpiry = Duration.ofMillis(id.expiresAtMillis() - System.currentTimeMillis()).toNanos();
                    return Math.max(0, Math.min(untilExpiry, MAX_TOKEN_AGE.toNanos()));
                }

                @Override
                public long expireAfterUpdate(String token, Identity id, long now, long current) {
                    return current;
                }

                @Override
                public long expireAfterRead(String token, Identity id, long now, long current) {
                    return current;
                }
            }).build();
    private final Cache<UUID, Standing> standings = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(STANDING_TTL).build();

    @Inject
    public AccessResolver(JWTParser parser, Db db, AccessRefusals refusals, java.time.Clock clock) {
        this.parser = parser;
        this.db = db;
        this.clock = clock;
        this.refusals = refusals;
    }

    /** Runs before every route, right after the request log (which assigns the request id). */
    void install(@Observes Router router) {
        router.route().order(-999).handler(this::resolve);
    }

    void resolve(RoutingContext ctx) {
        String requestId = RequestIds.of(ctx);
        Identity identity;
        try {
            identity = identify(ctx.request().getHeader("Authorization"));
        } catch (ApiException refusal) {
            keep(ctx, new Resolved(null, refusal));
            ctx.next();
            return;
        }
        if (identity == null) {
            keep(ctx, new Resolved(null, null));
            ctx.next();
            return;
        }
        if (identity.role() == Role.ACADEMY_OFFICER) {
            // break the glass: the officer's live access grants, once per request (never cached: they expire)
            ctx.request().pause();
            IdentityGrants.live(db, identity.subject(), identity.academy(), clock.instant()).subscribe().with(grants -> {
                keep(ctx, new Resolved(scope(identity, Standing.ACTIVE, requestId, language(ctx)).withIdentityGrants(grants),
                        null));
                ctx.request().resume();
                ctx.next();
            }, failure -> {
                LOG.warnf("Could not read an officer's access grants: %s", failure.getClass().getSimpleName());
                ctx.request().resume();
                ctx.fail(503);
            });
            return;
        }
        if (identity.role() != Role.ASSOCIATION_STAFF) {
            keep(ctx, new Resolved(scope(identity, Standing.ACTIVE, requestId, language(ctx)), null));
            ctx.next();
            return;
        }
        Standing cached = standings.getIfPresent(identity.association());
        if (cached != null) {
            keep(ctx, new Resolved(scope(identity, cached, requestId, language(ctx)), null));
            ctx.next();
            return;
        }
        ctx.request().pause();
        standing(identity.association()).subscribe().with(standing -> {
            keep(ctx, new Resolved(scope(identity, standing, requestId, language(ctx)), null));
            ctx.request().resume();
            ctx.next();
        }, failure -> {
            LOG.warnf("Could not read the standing of an association: %s", failure.getClass().getSimpleName());
            ctx.request().resume();
            ctx.fail(503);
        });
    }

    /** The scope of a verified identity outside an HTTP request (a websocket's connection_init): same standing and grants. */
    Uni<AccessScope> resolve(Identity identity, String requestId, Locale language) {
        if (identity.role() == Role.ACADEMY_OFFICER) {
            return IdentityGrants.live(db, identity.subject(), identity.academy(), clock.instant())
                    .map(grants -> scope(identity, Standing.ACTIVE, requestId, language).withIdentityGrants(grants));
        }
        if (identity.role() != Role.ASSOCIATION_STAFF) {
            return Uni.createFrom().item(scope(identity, Standing.ACTIVE, requestId, language));
        }
        Standing cached = standings.getIfPresent(identity.association());
        return (cached != null ? Uni.createFrom().item(cached) : standing(identity.association()))
                .map(standing -> scope(identity, standing, requestId, language));
    }

    private static void keep(RoutingContext ctx, Resolved resolved) {
        ctx.put(KEY, resolved);
        RequestCaller.put(ctx, new RequestCaller(resolved.scope() != null ? resolved.scope().locale() : language(ctx),
                resolved.scope() != null ? resolved.scope().subject() : null, resolved.refusal()));
        try {
            ContextLocals.put(KEY, resolved);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // not on a duplicated context: the routing context alone carries it
        }
    }

    private static AccessScope scope(Identity id, Standing standing, String requestId, Locale language) {
        return new AccessScope(id.subject(), id.role(), id.roles(), id.academy(), id.association(), standing, requestId,
                language);
    }

    static Locale language(RoutingContext ctx) {
        return RequestCaller.language(ctx);
    }

    private Uni<Standing> standing(UUID association) {
        return db.one(Sql.of("SELECT status FROM association WHERE id = ?", association), r -> r.string("status"))
                .map(status -> status == null ? Standing.UNKNOWN : Standing.valueOf(status))
                .invoke(standing -> standings.put(association, standing));
    }

    /** An association changed status on this replica: its staff's next request reads it again. */
    void statusChanged(@Observes StandingChanged event) {
        standings.invalidate(event.associationId());
    }

    /** Fired by whoever changes an association's status. */
    public record StandingChanged(UUID associationId) {
    }

    /** The token's verified identity; null without an Authorization header; the refusal for an unusable token. */
    Identity identify(String header) {
        if (header == null) {
            return null;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7 || header.length() > 16_384) {
            refusals.unauthenticated("malformed header");
            throw ApiException.keyed(ErrorCode.UNAUTHENTICATED, Map.of(), "auth.header");
        }
        String token = header.substring(7).trim();
        Identity cached = identities.getIfPresent(token);
        if (cached != null && cached.expiresAtMillis() > System.currentTimeMillis()) {
            return cached;
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            refusals.unauthenticated("invalid token");
            throw ApiException.keyed(ErrorCode.UNAUTHENTICATED, Map.of(), "auth.token");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : jwt.getGroups()) {
            Role.parse(group).ifPresent(roles::add);
        }
        String subject = Optional.ofNullable(jwt.getSubject()).orElse(jwt.getName());
        if (roles.isEmpty()) {
            refusals.unauthenticated("no role");
            throw ApiException.keyed(ErrorCode.FORBIDDEN, Map.of(), "auth.noRole");
        }
        Role role = roles.stream().min(Enum::compareTo).orElseThrow();
        String academy = claim(jwt, "academy");
        if (role == Role.ACADEMY_OFFICER && academy == null) {
            refusals.unauthenticated("no academy claim");
            throw ApiException.keyed(ErrorCode.FORBIDDEN, Map.of(), "auth.noAcademy");
        }
        UUID association = null;
        String associationClaim = claim(jwt, "association");
        if (associationClaim != null) {
            try {
                association = UUID.fromString(associationClaim);
            } catch (IllegalArgumentException e) {
                association = null;
            }
        }
        if (role == Role.ASSOCIATION_STAFF && association == null) {
            refusals.unauthenticated("no association claim");
            throw ApiException.keyed(ErrorCode.FORBIDDEN, Map.of(), "auth.noAssociation");
        }
        long expires = jwt.getExpirationTime() > 0 ? jwt.getExpirationTime() * 1000 : System.currentTimeMillis();
        Identity identity = new Identity(subject == null ? "unknown" : subject, role, Set.copyOf(roles), academy, association,
                expires);
        identities.put(token, identity);
        return identity;
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        String text = value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        return text.isBlank() || text.length() > 64 ? null : text;
    }
}
