package ma.forsa.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import ma.forsa.agreement.Partners;
import ma.forsa.support.GraphQL;
import ma.forsa.support.OwnPostgres;
import ma.forsa.support.Tokens;

/**
 * With forsa.db.read.url on a second database (OwnPostgres: forsa_read, the same schema), statistics read there, while
 * writes and the reads that must see them stay on the primary. The service runs as OwnPostgres's service role.
 */
@QuarkusTest
@TestProfile(OwnPostgres.class)
class AnalyticsReadsTest {

    private static final String CELL = "INSERT INTO stats_academy_cell (academy_code, school_year, sex, age, strands, outcome_kind, "
            + "enrolled, active, completed, dropped_out, integrated) VALUES ('MS', '2024-2025', 'F', 15, 1, 'NONE', 4242, 4242, 0, 0, 0)";

    @Test
    void statisticsReadTheReadDatabaseWhileWritesAndTheirReadsStayOnThePrimary() throws SQLException {
        try (Connection c = OwnPostgres.connect(OwnPostgres.READ_DATABASE); Statement s = c.createStatement()) {
            s.execute(CELL);
        }

        JsonPath stats = GraphQL.ok(Tokens.admin(), "{ statistics(groupBy: [SEX]) { keys { dimension value } enrolled } }");
        List<Map<String, Object>> rows = stats.getList("data.statistics");
        assertEquals(1, rows.size(), stats::prettify);
        assertEquals("F", stats.getString("data.statistics[0].keys[0].value"));
        assertEquals(4242, stats.getInt("data.statistics[0].enrolled"), "the figure only the read database holds");
        assertEquals(0, count("postgres", "SELECT count(*) FROM stats_academy_cell"), "the primary has no such cell");

        String id = Partners.createAssociation("CAS");
        assertEquals(1, count("postgres", "SELECT count(*) FROM association WHERE id = ?", UUID.fromString(id)));
        assertEquals(0, count(OwnPostgres.READ_DATABASE, "SELECT count(*) FROM association WHERE id = ?", UUID.fromString(id)));
        JsonPath read = GraphQL.ok(Tokens.admin(), "query($id: ID!) { association(id: $id) { id } }", Map.of("id", id));
        assertNotNull(read.getString("data.association.id"), "a read that must see the write is on the primary");

        // All of this ran as the service's role (quarkus.datasource.username), which owns nothing: the migrations, run
        // as the owner, granted it the tables of both databases (a missing grant fails the reads above).
        assertEquals(0, count("postgres", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = ?",
                OwnPostgres.SERVICE_ROLE));
        // and it reads every view (the statistics triggers read stats_fact_source as the role whose INSERT fires them)
        assertEquals(0, count("postgres", "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm') AND NOT has_table_privilege(?, c.oid, 'SELECT')",
                OwnPostgres.SERVICE_ROLE));
    }

    private static int count(String database, String sql, Object... params) throws SQLException {
        try (Connection c = OwnPostgres.connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
