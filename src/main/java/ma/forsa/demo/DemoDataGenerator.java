package ma.forsa.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Fills an empty database with realistic fake associations, agreements, centres, learners, enrollments and
 * outcomes (see README "Demo data"). Off unless {@code forsa.demo.learners} is above 0; runs at startup only
 * when the database has no association. Everything is generated inside PostgreSQL by INSERT ... SELECT over
 * generate_series with seeded hash functions, in one transaction, so the same seed gives the same data.
 */
@ApplicationScoped
public class DemoDataGenerator {

    private static final Logger LOG = Logger.getLogger(DemoDataGenerator.class);

    private final DataSource dataSource;
    private final int learners;
    private final long seed;

    @Inject
    public DemoDataGenerator(DataSource dataSource, @ConfigProperty(name = "forsa.demo.learners", defaultValue = "0") int learners,
            @ConfigProperty(name = "forsa.demo.seed", defaultValue = "2025") long seed) {
        this.dataSource = dataSource;
        this.learners = learners;
        this.seed = seed;
    }

    void onStart(@Observes StartupEvent event) throws SQLException {
        if (learners <= 0) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM association)")) {
            r.next();
            if (r.getBoolean(1)) {
                LOG.infof("Demo data not generated: the database already has associations.");
                return;
            }
        }
        generate(learners, seed);
    }

    /** Sizes derived from the number of learners: about 2 enrollments per learner, 1 centre per 1,000, 1 association per 2,000. */
    public static int associations(int learners) {
        return Math.max(3, learners / 2000);
    }

    public static int centers(int learners) {
        return Math.max(5, learners / 1000);
    }

    public void generate(int learners, long seed) throws SQLException {
        long started = System.nanoTime();
        LOG.infof("Generating demo data: %d learners, %d associations, %d centres (seed %d)...", learners,
                associations(learners), centers(learners), seed);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                generate(c, learners, seed);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
        }
        LOG.infof("Demo data generated in %d s.", (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** Generates inside the caller's transaction (auto-commit off); the caller commits or rolls back. */
    public static void generate(Connection c, int learners, long seed) throws SQLException {
        String script = script().replace("${seed}", Long.toString(seed)).replace("${learners}", Integer.toString(learners))
                .replace("${associations}", Integer.toString(associations(learners)))
                .replace("${centers}", Integer.toString(centers(learners)));
        try (Statement s = c.createStatement()) {
            for (String statement : script.split("(?m)^--#$")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    private static String script() {
        try (InputStream in = DemoDataGenerator.class.getResourceAsStream("/demo/generate.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("demo/generate.sql is missing from the application", e);
        }
    }
}
