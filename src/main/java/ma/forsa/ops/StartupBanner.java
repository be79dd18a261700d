package ma.forsa.ops;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Tells the person who just started Forsa where to point a client. */
@Singleton
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger("forsa");

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    void announce(@Observes StartupEvent event) {
        String base = "http://localhost:" + port;
        StringBuilder text = new StringBuilder("Forsa is up.\n")
                .append("  GraphQL endpoint : ").append(base).append("/graphql\n")
                .append("  GraphQL schema   : ").append(base).append("/graphql/schema.graphql\n")
                .append("  Health           : ").append(base).append("/q/health\n");
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            text.append("  GraphQL UI       : ").append(base).append("/q/graphql-ui\n")
                    .append("  Dev tokens       : curl '").append(base).append("/dev/token?role=ADMIN'");
        }
        if (LaunchMode.current() != LaunchMode.TEST) {
            LOG.info(text);
        }
    }
}
