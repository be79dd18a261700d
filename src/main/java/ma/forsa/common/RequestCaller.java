package ma.forsa.common;

import java.util.Locale;

import io.vertx.ext.web.RoutingContext;
import ma.forsa.common.i18n.Messages;

/**
 * What the access layer learned of a request's caller, for the plumbing that answers before or outside a resolver
 * (the GraphQL HTTP endpoint, the error mappers): security/AccessResolver puts it on the routing context once it has
 * read the token, so that common/ never depends on security/.
 *
 * @param locale the language of the caller's messages
 * @param subject the subject of the verified token, or null (no token, refused token)
 * @param refusal the refusal of the request's token (invalid, expired, no role...), or null
 */
public record RequestCaller(Locale locale, String subject, ApiException refusal) {

    private static final String KEY = "forsa.caller";

    public static void put(RoutingContext ctx, RequestCaller caller) {
        ctx.put(KEY, caller);
    }

    private static RequestCaller of(RoutingContext ctx) {
        return ctx == null ? null : ctx.get(KEY);
    }

    /** The language of this request's messages: the caller's, else what {@link #language} negotiates. */
    public static Locale locale(RoutingContext ctx) {
        RequestCaller caller = of(ctx);
        if (caller != null && caller.locale() != null) {
            return caller.locale();
        }
        return ctx == null ? Messages.ENGLISH : language(ctx);
    }

    /** The refusal of this request's token, or null when it has none or no token. */
    public static ApiException refusal(RoutingContext ctx) {
        RequestCaller caller = of(ctx);
        return caller == null ? null : caller.refusal();
    }

    /** The subject of the verified token of this request, or null. */
    public static String subject(RoutingContext ctx) {
        RequestCaller caller = of(ctx);
        return caller == null ? null : caller.subject();
    }

    /** The language asked for: Accept-Language among fr, ar, en; French for the import, else English. */
    public static Locale language(RoutingContext ctx) {
        Locale fallback = ctx.normalizedPath().startsWith("/imports") ? Messages.FRENCH : Messages.ENGLISH;
        return Messages.negotiate(ctx.request().getHeader("Accept-Language"), fallback);
    }
}
