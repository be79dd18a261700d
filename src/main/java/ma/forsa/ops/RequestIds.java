package ma.forsa.ops;

import java.util.UUID;

import io.vertx.ext.web.RoutingContext;

/** The id of an HTTP request: the caller's {@code X-Request-Id} when sane, else a new one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "forsa.requestId";

    private RequestIds() {
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        if (id == null) {
            String given = ctx.request().getHeader(HEADER);
            id = given != null && given.matches("[A-Za-z0-9._-]{8,64}") ? given : UUID.randomUUID().toString();
            ctx.put(KEY, id);
        }
        return id;
    }
}
