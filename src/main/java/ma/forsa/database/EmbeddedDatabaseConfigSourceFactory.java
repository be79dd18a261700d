package ma.forsa.database;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Zero-configuration database for dev mode: when no datasource URL is configured, the datasource
 * settings come from an embedded PostgreSQL started the first time they are read. Lower priority
 * than application.properties and the environment, so any configured server wins.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String USERNAME = "quarkus.datasource.username";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean dev = context.getProfiles().contains("dev");
        boolean enabled = Boolean.parseBoolean(valueOr(context, "forsa.embedded-db.enabled", "true"));
        boolean configured = context.getValue(REACTIVE_URL).getValue() != null || context.getValue(JDBC_URL).getValue() != null;
        if (!dev || !enabled || configured) {
            return List.of();
        }
        Path directory = Path.of(valueOr(context, "forsa.data-dir", ".forsa")).resolve("pg");
        int port = Integer.parseInt(valueOr(context, "forsa.embedded-db.port", "15432"));
        return List.of(new LazySource(directory, port));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(110);
    }

    private static String valueOr(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }

    private static final class LazySource implements ConfigSource {
        private static final Set<String> NAMES = Set.of(REACTIVE_URL, JDBC_URL, USERNAME);
        private final Path directory;
        private final int requestedPort;
        private volatile Map<String, String> values;

        LazySource(Path directory, int requestedPort) {
            this.directory = directory;
            this.requestedPort = requestedPort;
        }

        @Override
        public Set<String> getPropertyNames() {
            return NAMES;
        }

        @Override
        public Map<String, String> getProperties() {
            return values();
        }

        @Override
        public String getValue(String propertyName) {
            return NAMES.contains(propertyName) ? values().get(propertyName) : null;
        }

        private Map<String, String> values() {
            if (values == null) {
                int port = EmbeddedDatabase.ensureStarted(directory, requestedPort);
                values = Map.of(
                        REACTIVE_URL, "postgresql://localhost:" + port + "/postgres",
                        JDBC_URL, "jdbc:postgresql://localhost:" + port + "/postgres",
                        USERNAME, "postgres");
            }
            return values;
        }

        @Override
        public String getName() {
            return "forsa-embedded-postgresql";
        }

        @Override
        public int getOrdinal() {
            return 110;
        }
    }
}
