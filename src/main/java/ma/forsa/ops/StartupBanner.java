package ma.forsa.ops;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells the person who just started Forsa where to point a client (after the other start-up work, demo data
 * included). Plain ASCII, so that any console shows it as written.
 */
@Singleton
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger("forsa");

    private final Config config;

    @Inject
    public StartupBanner(Config config) {
        this.config = config;
    }

    void announce(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.TEST) {
            return;
        }
        LOG.info(text(config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080),
                LaunchMode.current() == LaunchMode.DEVELOPMENT));
    }

    static String text(int port, boolean dev) {
        String base = "http://localhost:" + port;
        StringBuilder text = new StringBuilder("Forsa is up.\n")
                .append("  GraphQL endpoint : ").append(base).append("/graphql\n")
                .append("  GraphQL schema   : ").append(base).append("/graphql/schema.graphql\n")
                .append("  Health           : ").append(base).append("/q/health");
        if (dev) {
            text.append('\n')
                    .append("  GraphQL UI       : ").append(base).append("/q/graphql-ui\n")
                    .append("  Dev tokens       : curl '").append(base).append("/dev/token'   (lists the tokens it can make)\n")
                    .append("  Stop             : q or Ctrl+C (data is kept; docs/development.md says how to reset it)");
        }
        return text.toString();
    }
}
