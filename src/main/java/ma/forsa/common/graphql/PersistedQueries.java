package ma.forsa.common.graphql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Automatic persisted queries (Apollo's protocol): documents by the SHA-256 of their text, in a bounded in-memory cache
 * per replica ({@link GraphQLConfig#persistedQueries()}, least recently used evicted). Nothing depends on a hit: a
 * miss — another replica, a restart, an eviction — answers PERSISTED_QUERY_NOT_FOUND and the client sends the query
 * with its hash again, which stores it here. Only documents that parsed are stored.
 */
@ApplicationScoped
public class PersistedQueries {

    private final Cache<String, String> documents;

    @Inject
    public PersistedQueries(GraphQLConfig config) {
        this.documents = Caffeine.newBuilder().maximumSize(config.persistedQueries()).build();
    }

    /** The document of a hash (lower-case hex), or null. */
    public String find(String sha256) {
        return sha256 == null ? null : documents.getIfPresent(sha256.toLowerCase(java.util.Locale.ROOT));
    }

    public void store(String sha256, String document) {
        documents.put(sha256.toLowerCase(java.util.Locale.ROOT), document);
    }

    /** Whether {@code sha256} is the hash of {@code document}. */
    public static boolean matches(String sha256, String document) {
        return sha256 != null && sha256.equalsIgnoreCase(sha256(document));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
