package ma.forsa.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import ma.forsa.support.DirectSql;

/**
 * The role production runs the service as (db/migration/R__service_role.sql, applied here as Flyway would with the
 * placeholder app_role set to a fresh role): it writes and reads audit events but can neither change, delete, truncate
 * them nor switch their triggers off; the retention rule's scrub still works for it. Plain JDBC on the migrated test
 * database, as the owner and as that role.
 */
@QuarkusTest
class ServiceRoleTest {

    private final String role = "forsa_app_test_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    private final String password = UUID.randomUUID().toString();
    private final String probeTable = "grants_probe_" + role;

    @BeforeEach
    void createTheRoleAndApplyTheGrants() throws Exception {
        String grants = migration("db/migration/R__service_role.sql")
                .replace("${app_role}", role).replace("${flyway:table}", "flyway_schema_history");
        try (Connection owner = DirectSql.connect(); Statement s = owner.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            s.execute(grants);
        }
    }

    @AfterEach
    void dropTheRole() throws SQLException {
        try (Connection owner = DirectSql.connect(); Statement s = owner.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + probeTable);
            s.execute("DROP OWNED BY " + role);
            s.execute("DROP ROLE " + role);
        }
    }

    @Test
    void theServicesRoleAppendsAuditEventsButCannotRewriteOrSilenceThem() throws SQLException {
        UUID learner = UUID.randomUUID();
        try (Connection app = connectAsRole(); Statement s = app.createStatement()) {
            // INSERT and SELECT: what the audit log does.
            long id;
            try (PreparedStatement insert = app.prepareStatement("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes) "
                    + "VALUES ('test', 'ADMIN', 'UPDATE', 'Learner', ?, '{\"exitReason\": \"Mariage\", \"firstName\": \"x\"}'::jsonb) RETURNING id")) {
                insert.setString(1, learner.toString());
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            assertEquals(1, count(app, "SELECT count(*) FROM audit_event WHERE id = " + id));

            // Refused by privileges, before any trigger: the message is PostgreSQL's, not audit_event_append_only's.
            assertRefused(s, "UPDATE audit_event SET subject = 'someone else' WHERE id = " + id, "permission denied for table audit_event");
            assertRefused(s, "DELETE FROM audit_event WHERE id = " + id, "permission denied for table audit_event");
            assertRefused(s, "TRUNCATE audit_event", "permission denied for table audit_event");
            assertRefused(s, "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete", "must be owner of table audit_event");
            assertRefused(s, "ALTER TABLE audit_event DISABLE TRIGGER ALL", "must be owner of table audit_event");
            assertRefused(s, "DROP TABLE audit_event", "must be owner of table audit_event");
            s.execute("SELECT set_config('forsa.audit_scrub', 'on', false)");
            assertRefused(s, "UPDATE audit_event SET changes = NULL WHERE id = " + id, "permission denied for table audit_event");

            // The retention rule's scrub runs as the owner (SECURITY DEFINER) and changes only the free text.
            try (PreparedStatement scrub = app.prepareStatement("SELECT audit_scrub_learners(?)")) {
                scrub.setArray(1, app.createArrayOf("uuid", new Object[] { learner }));
                try (ResultSet rs = scrub.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT changes->>'exitReason', changes->>'firstName' FROM audit_event WHERE id = " + id)) {
                rs.next();
                assertEquals("changed", rs.getString(1));
                assertEquals("x", rs.getString(2));
            }

            // The application's other tables stay writable, and so do tables later migrations create (default privileges).
            assertEquals(0, count(app, "SELECT count(*) FROM learner WHERE id = '" + learner + "'"));
            assertEquals(0, s.executeUpdate("UPDATE learner SET search_key = search_key WHERE id = '" + learner + "'"));
        }
        try (Connection owner = DirectSql.connect(); Statement s = owner.createStatement()) {
            s.execute("CREATE TABLE " + probeTable + " (id integer)");
        }
        try (Connection app = connectAsRole(); Statement s = app.createStatement()) {
            assertEquals(1, s.executeUpdate("INSERT INTO " + probeTable + " VALUES (1)"));
            assertEquals(1, s.executeUpdate("DELETE FROM " + probeTable));
        }
    }

    @Test
    void theGrantsAreSkippedWhenTheServiceConnectsAsTheOwner() throws Exception {
        String asOwner = migration("db/migration/R__service_role.sql").replace("${flyway:table}", "flyway_schema_history");
        try (Connection owner = DirectSql.connect(); Statement s = owner.createStatement()) {
            String self;
            try (ResultSet rs = s.executeQuery("SELECT current_user")) {
                rs.next();
                self = rs.getString(1);
            }
            s.execute(asOwner.replace("${app_role}", self));
            s.execute(asOwner.replace("${app_role}", ""));
            // The owner keeps every right on its table (the trigger, not a privilege, keeps it append-only).
            assertTrue(count(owner, "SELECT count(*) FROM information_schema.table_privileges WHERE table_name = 'audit_event' "
                    + "AND grantee = current_user AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')") >= 3);
        }
    }

    private Connection connectAsRole() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return DriverManager.getConnection(url, role, password);
    }

    private static void assertRefused(Statement s, String sql, String reason) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(reason), sql + ": " + e.getMessage());
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String migration(String path) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
