package ma.forsa.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import ma.forsa.database.EmbeddedDatabase;

/**
 * Every test run gets a database of its own, created fresh and dropped at the end: on the server
 * named by FORSA_TEST_DB_URL (a JDBC URL to an admin database, e.g.
 * jdbc:postgresql://127.0.0.1:5432/postgres, with FORSA_TEST_DB_USER / FORSA_TEST_DB_PASSWORD),
 * else on an embedded PostgreSQL under target/. Also creates the run's JWT key pair.
 */
@QuarkusTestResource(TestDatabase.class)
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres embedded;
    private String adminUrl;
    private String user;
    private String password;
    private String database;

    @Override
    public Map<String, String> start() {
        adminUrl = System.getenv("FORSA_TEST_DB_URL");
        user = envOr("FORSA_TEST_DB_USER", "postgres");
        password = envOr("FORSA_TEST_DB_PASSWORD", "");
        if (adminUrl == null || adminUrl.isBlank()) {
            embedded = EmbeddedDatabase.start(Path.of("target", "embedded-pg"), 0);
            adminUrl = "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres";
        }
        database = "forsa_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                + ThreadLocalRandom.current().nextInt(1000, 10000);
        execute("CREATE DATABASE " + database);
        String jdbcUrl = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        String reactiveUrl = jdbcUrl.replaceFirst("^jdbc:", "");
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.reactive.url", reactiveUrl,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password,
                "mp.jwt.verify.publickey.location", TestKeys.publicKeyFile().toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        try {
            if (System.getenv("FORSA_TEST_KEEP_DB") == null) {
                execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        } finally {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (Exception e) {
                    // best effort at the end of the run
                }
            }
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException("Test database set-up failed on " + adminUrl + ": " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The run's key pair, written under target/ so that test code in any class loader can sign with it. */
    public static final class TestKeys {
        private static final Path DIR = Path.of("target", "test-jwt");

        static synchronized Path publicKeyFile() {
            Path pub = DIR.resolve("public.pem");
            // One pair per test JVM, however often Quarkus starts the resource.
            if (System.getProperty("forsa.test-keys") != null && Files.exists(pub)) {
                return pub;
            }
            System.setProperty("forsa.test-keys", "generated");
            try {
                Files.createDirectories(DIR);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(DIR.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                return pub;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public static Path privateKeyFile() {
            return DIR.resolve("private.pem");
        }

        static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }
}
