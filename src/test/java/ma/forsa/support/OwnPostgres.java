package ma.forsa.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A test profile whose PostgreSQL belongs to the test: an embedded server (zonky) started for it under target/, which
 * the test may crash, restart, freeze (SIGSTOP) and thaw while the service runs against it. Also a second database on
 * it, {@code forsa_read}, migrated like the first, as the analytics pool's "replica" ({@code forsa.db.read.url}).
 * As in production, Flyway migrates as the owner (postgres) and the service runs as {@link #SERVICE_ROLE}, which the
 * migrations grant its rights (R__service_role.sql). Deadlines are short ({@link #DEADLINES}) so that faults show within
 * seconds.
 *
 * <p>The server is driven through the operating system (its data folder, port and binaries are passed in system
 * properties), so that the test and the resource may live in different class loaders. Linux or macOS only (kill).
 */
public class OwnPostgres implements QuarkusTestProfile {

    /** forsa.db.* for the tests: a silent PostgreSQL fails a request after statement + margin = 3 s. */
    public static final Map<String, String> DEADLINES = Map.of(
            "forsa.db.connect-timeout", "1s",
            "forsa.db.acquire-timeout", "1s",
            "forsa.db.statement-timeout", "2s",
            "forsa.db.read.statement-timeout", "2s",
            "forsa.db.response-margin", "1s",
            "forsa.db.readiness-timeout", "1s",
            "quarkus.datasource.reactive.max-size", "4",
            "forsa.db.read.max-size", "2");

    /** The longest a request may take against a silent server: statement timeout + response margin. */
    public static final Duration RESPONSE_DEADLINE = Duration.ofSeconds(3);

    public static final String READ_DATABASE = "forsa_read";
    public static final String SERVICE_ROLE = "forsa_app";

    private static final String DATA = "forsa.own-postgres.data";
    private static final String PORT = "forsa.own-postgres.port";
    private static final String OPTIONS = "-F -c timezone=UTC -c fsync=on -c synchronous_commit=on -c max_connections=60";

    @Override
    public Map<String, String> getConfigOverrides() {
        return DEADLINES;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Server.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    // ---------------------------------------------------------------- faults

    /** Immediate shutdown (SIGQUIT to the postmaster: no checkpoint, as in a crash); returns once the port is closed. */
    public static void crash() {
        long pid = postmasterPid();
        kill("-QUIT", List.of(pid));
        Awaitility.await("PostgreSQL to stop").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true) && !accepting());
    }

    /** Starts the crashed server again on the same folder and port (recovery replays the WAL). */
    public static void restart() {
        Path data = data();
        Path bin = postgresBinary(data).getParent();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; as zonky does, start it in a user namespace of its own.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", "-p " + port() + " " + OPTIONS,
                "-w", "-t", "60", "-l", data.resolveSibling("restart.log").toString(), "start"));
        run(command.toArray(String[]::new));
    }

    /** SIGSTOP on the postmaster and every process it started: the port stays open, nothing answers. */
    public static void freeze() {
        long pid = postmasterPid();
        kill("-STOP", List.of(pid));
        kill("-STOP", descendants(pid));
    }

    public static void thaw() {
        long pid = postmasterPid();
        List<Long> all = new ArrayList<>(descendants(pid));
        all.add(pid);
        kill("-CONT", all);
    }

    public static int port() {
        return Integer.parseInt(System.getProperty(PORT));
    }

    /** A JDBC connection to one of the server's databases, as the superuser. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/" + database, "postgres", "");
    }

    private static Path data() {
        return Path.of(System.getProperty(DATA));
    }

    private static long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not running (no postmaster.pid)", e);
        }
    }

    /** The postgres binary of the last start, first word of postmaster.opts. */
    private static Path postgresBinary(Path data) {
        try {
            String opts = Files.readString(data.resolve("postmaster.opts")).strip();
            return Path.of(opts.substring(0, opts.indexOf(' ')).replace("\"", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).map(p -> p.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private static boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void kill(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(p -> command.add(Long.toString(p)));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(data().resolveSibling("commands.log").toFile())).start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + data().resolveSibling("commands.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the server

    /** Starts the server before the application, gives it the datasource settings, stops it at the end. */
    public static class Server implements QuarkusTestResourceLifecycleManager {

        private EmbeddedPostgres server;

        @Override
        public Map<String, String> start() {
            Path root = Path.of("target", "own-postgres", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + "-" + ThreadLocalRandom.current().nextInt(1000, 10000)).toAbsolutePath();
            try {
                Files.createDirectories(root);
                // zonky keeps a folder of its own beside the data; never the system's temporary folder.
                if (System.getProperty("ot.epg.working-dir") == null) {
                    System.setProperty("ot.epg.working-dir", Path.of("target", "embedded-pg", "work").toAbsolutePath().toString());
                }
                // Unlike zonky's default (synchronous_commit off), a commit is acknowledged once it is on disk.
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(root.resolve("data"))
                        .setCleanDataDirectory(true)
                        .setOverrideWorkingDirectory(Path.of("target", "embedded-pg", "bin").toAbsolutePath().toFile())
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("max_connections", "60")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(DATA, root.resolve("data").toString());
            System.setProperty(PORT, Integer.toString(server.getPort()));
            String jdbc = "jdbc:postgresql://localhost:" + server.getPort() + "/";
            try (Connection c = DriverManager.getConnection(jdbc + "postgres", "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + READ_DATABASE);
                s.execute("CREATE ROLE " + SERVICE_ROLE + " LOGIN PASSWORD '" + SERVICE_ROLE + "'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            // The "replica": the same schema and grants, through the same migrations.
            Flyway.configure().dataSource(jdbc + READ_DATABASE, "postgres", "")
                    .locations("filesystem:src/main/resources/db/migration").placeholders(Map.of("app_role", SERVICE_ROLE))
                    .load().migrate();
            return Map.of(
                    "quarkus.datasource.jdbc.url", jdbc + "postgres",
                    "quarkus.datasource.reactive.url", "postgresql://localhost:" + server.getPort() + "/postgres",
                    "quarkus.datasource.username", SERVICE_ROLE,
                    "quarkus.datasource.password", SERVICE_ROLE,
                    // The server trusts local connections: the password is not checked, but Quarkus wants one.
                    "quarkus.flyway.username", "postgres",
                    "quarkus.flyway.password", "trusted",
                    "forsa.db.read.url", "postgresql://localhost:" + server.getPort() + "/" + READ_DATABASE,
                    "mp.jwt.verify.publickey.location", TestDatabase.TestKeys.publicKeyFile().toAbsolutePath().toString());
        }

        @Override
        public void stop() {
            try {
                if (Files.exists(data().resolve("postmaster.pid"))) {
                    thaw();
                }
            } catch (RuntimeException e) {
                // best effort: the server may already be down
            }
            try {
                server.close(); // pg_ctl stop on the folder: whichever postmaster runs there now
            } catch (IOException e) {
                // best effort at the end of the run
            }
        }
    }
}
