package ma.forsa.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

/**
 * Fills an empty database with realistic fake associations, agreements, centres, learners, enrollments and
 * outcomes (docs/operations/demo-data.md). Dev mode asks for a small set by default ({@code %dev.forsa.demo.learners});
 * elsewhere it is off unless {@code forsa.demo.learners} is above 0. It runs at startup only when the database has no
 * association. Everything is generated inside PostgreSQL by INSERT ... SELECT over generate_series with seeded hash
 * functions ({@code demo/generate.sql}), in one transaction on the reactive client, so the same seed gives the same
 * data and the same ids.
 */
@ApplicationScoped
public class DemoDataGenerator {

    private static final Logger LOG = Logger.getLogger(DemoDataGenerator.class);
    /** Learners who start in the showcase centre E2C-RAB-00001, beyond the requested number. */
    public static final int SHOWCASE_LEARNERS = 40;
    /** The showcase centre's code: also the example centre of the import template. */
    public static final String SHOWCASE_CENTER = "E2C-RAB-00001";

    /** forsa.demo.*: the demo data generator. */
    @ConfigMapping(prefix = "forsa.demo")
    public interface DemoConfig {
        /** Learners to generate at startup into a database with no association; 0 turns the generator off. */
        @WithDefault("0")
        int learners();

        /** The same seed gives the same data, ids included. */
        @WithDefault("2025")
        long seed();
    }

    private final Db db;
    private final DemoConfig config;

    @Inject
    public DemoDataGenerator(Db db, DemoConfig config) {
        this.db = db;
        this.config = config;
    }

    /** Before the other start-up observers (the banner comes after the data). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION - 100) StartupEvent event) {
        if (config.learners() <= 0) {
            return;
        }
        boolean present = db.one(Sql.of("SELECT EXISTS (SELECT 1 FROM association) AS present"), r -> r.flag("present"))
                .await().atMost(Duration.ofMinutes(1));
        if (present) {
            LOG.debugf("Demo data not generated: the database already has associations.");
            return;
        }
        generate(config.learners(), config.seed()).await().indefinitely();
    }

    /** Sizes derived from the number of learners: about 2 enrollments per learner, 1 centre per 1,000, 1 association per 2,000. */
    public static int associations(int learners) {
        return Math.max(3, learners / 2000);
    }

    public static int centers(int learners) {
        return Math.max(5, learners / 1000);
    }

    /** Generates and commits, then refreshes the planner's statistics. */
    public Uni<Void> generate(int learners, long seed) {
        long started = System.nanoTime();
        LOG.infof("Generating demo data: %d learners, %d associations, %d centres (seed %d); this takes about %d s...",
                learners + SHOWCASE_LEARNERS, associations(learners) + 1, centers(learners) + 1, seed,
                Math.max(2, learners / 1500));
        // statements of several minutes at a million learners: a job's deadline, not a request's
        return db.longTransaction(java.time.Duration.ofHours(1), connection -> generate(connection, learners, seed))
                .chain(() -> db.execute(Sql.of("ANALYZE")))
                .invoke(() -> LOG.infof("Demo data generated in %d s.", (System.nanoTime() - started) / 1_000_000_000L))
                .replaceWithVoid();
    }

    /** Runs the script's statements, in order, inside the caller's transaction (which commits or rolls back). */
    public static Uni<Void> generate(Db.Connection connection, int learners, long seed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String statement : statements(learners, seed)) {
            chain = chain.chain(() -> connection.execute(Sql.of(statement)).replaceWithVoid());
        }
        return chain;
    }

    /** The statements of {@code demo/generate.sql} with their placeholders filled in. */
    static List<String> statements(int learners, long seed) {
        if (learners < 1 || learners > 10_000_000) {
            throw new IllegalArgumentException("forsa.demo.learners must be between 1 and 10000000 (or 0 for none); got "
                    + learners);
        }
        String script = script().replace("${seed}", Long.toString(seed)).replace("${learners}", Integer.toString(learners))
                .replace("${associations}", Integer.toString(associations(learners)))
                .replace("${centers}", Integer.toString(centers(learners)))
                .replace("${showcase}", Integer.toString(SHOWCASE_LEARNERS));
        List<String> statements = new ArrayList<>();
        for (String statement : script.split("(?m)^--#$")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    private static String script() {
        try (InputStream in = DemoDataGenerator.class.getResourceAsStream("/demo/generate.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("demo/generate.sql is missing from the application", e);
        }
    }
}
