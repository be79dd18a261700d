package ma.forsa.common.graphql;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the GraphQL endpoint ({@code forsa.graphql.*}, documented in application.properties and
 * docs/api/front-end.md). A document over any of them is refused with one error (QUERY_TOO_COMPLEX, BAD_REQUEST,
 * VALIDATION or PAYLOAD_TOO_LARGE) before any resolver runs.
 */
@ConfigMapping(prefix = "forsa.graphql")
public interface GraphQLConfig {

    /**
     * Whether introspection ({@code __schema}, {@code __type}) is answered. Production: false (the schema is published
     * with the API as {@code schema.graphql}); a document that asks for it gets one GRAPHQL_VALIDATION_FAILED error.
     * graphql-java's own switch, set at start-up ({@link GraphQLEndpoint}) and read once per request, not a field
     * visibility consulted for every field.
     */
    @WithDefault("true")
    boolean introspection();

    /** Bytes of one POST body (a batch included). */
    @WithDefault("262144")
    int maxBodyBytes();

    /** Characters of one GraphQL document. */
    @WithDefault("32768")
    int maxDocumentLength();

    /** Parser tokens of one document. */
    @WithDefault("5000")
    int maxTokens();

    /** Nesting depth of fields. */
    @WithDefault("15")
    int maxDepth();

    /** Root fields of one operation (each alias counts). */
    @WithDefault("25")
    int maxRootFields();

    /** The computed cost of one operation (see {@link QueryCost}). */
    @WithDefault("200000")
    long maxCost();

    /** What a list without {@code first} is assumed to hold when computing the cost (the lists' cap). */
    @WithDefault("100")
    int listSize();

    /**
     * The expected size of lists the domain keeps short, by {@code Type.field} (e.g. {@code "Learner.enrollments"}: a
     * learner has a few enrollments), used instead of {@link #listSize()}.
     */
    Map<String, Integer> listSizes();

    /** Operations in one batch (a JSON array body). */
    @WithDefault("10")
    int maxBatch();

    /** Characters of a free-text search argument ({@code search}, {@code text}). */
    @WithDefault("100")
    int maxSearchLength();

    /** Characters of any other String argument or input field (fields have their own, smaller limits). */
    @WithDefault("10000")
    int maxStringLength();

    /** Automatic persisted queries kept in memory on each replica (a miss only asks the client to resend). */
    @WithDefault("2000")
    int persistedQueries();

    /** GraphQL subscriptions over websocket ({@link GraphQLSockets}). */
    Subscriptions subscriptions();

    interface Subscriptions {
        /** Subscriptions running at once on one websocket connection. */
        @WithDefault("10")
        int maxPerConnection();

        /** Subscriptions running at once for one token subject, over all its connections to one replica. */
        @WithDefault("20")
        int maxPerSubject();

        /** How long a new connection may wait before sending connection_init (then it is closed with 4408). */
        @WithDefault("10s")
        Duration connectionInitTimeout();
    }

    /** Idempotency keys: how long a response is replayed, and the longest key accepted. */
    Idempotency idempotency();

    interface Idempotency {
        @WithDefault("PT24H")
        Duration ttl();

        @WithDefault("128")
        int maxKeyLength();

        /** How often each replica deletes expired keys. */
        @WithDefault("PT15M")
        Duration purgeEvery();
    }
}
