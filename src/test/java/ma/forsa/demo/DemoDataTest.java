package ma.forsa.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The generator runs inside a transaction that is rolled back, so the shared test database is left as it was.
 * Every figure is read from rows whose ids the generator derives from the seed.
 */
@QuarkusTest
class DemoDataTest {

    /** Facts about the generated data, restricted to the generator's own learners and enrollments. */
    private static final String[] FACTS = {
        "SELECT count(*) FROM learner WHERE id = ANY (SELECT md5('%1$d:learner:' || i)::uuid FROM generate_series(1, 3000) i)",
        "SELECT md5(string_agg(concat_ws('|', id, massar_code, first_name, last_name, first_name_ar, last_name_ar, birth_date,"
                + " sex), ',' ORDER BY id)) FROM learner WHERE id = ANY (SELECT md5('%1$d:learner:' || i)::uuid "
                + "FROM generate_series(1, 3000) i)",
        "SELECT count(*) FROM stats_fact f WHERE f.enrollment_id = ANY (SELECT md5('%1$d:enrollment:' || (i * 4 + k))::uuid "
                + "FROM generate_series(1, 3000) i, generate_series(0, 2) k)",
        // share of leavers integrated at the latest follow-up, in per mille
        "SELECT round(1000.0 * count(*) FILTER (WHERE stats_is_integrated(status, outcome_kind)) / count(*)) FROM stats_fact f "
                + "WHERE status IN ('COMPLETED', 'DROPPED_OUT') AND f.enrollment_id = ANY (SELECT md5('%1$d:enrollment:' "
                + "|| (i * 4 + k))::uuid FROM generate_series(1, 3000) i, generate_series(0, 2) k)",
        "SELECT min(age) || '-' || max(age) FROM stats_fact f WHERE f.enrollment_id = ANY (SELECT md5('%1$d:enrollment:' "
                + "|| (i * 4 + k))::uuid FROM generate_series(1, 3000) i, generate_series(0, 2) k)",
        "SELECT count(*) FROM learner WHERE first_name_ar IS NOT NULL AND last_name_ar ~ '[\u0600-\u06FF]' AND id = ANY "
                + "(SELECT md5('%1$d:learner:' || i)::uuid FROM generate_series(1, 3000) i)",
        "SELECT count(DISTINCT school_year) FROM stats_fact f WHERE f.enrollment_id = ANY (SELECT md5('%1$d:enrollment:' "
                + "|| (i * 4 + k))::uuid FROM generate_series(1, 3000) i, generate_series(0, 2) k)" };

    @Inject
    DataSource dataSource;

    @Test
    void theSameSeedGivesTheSameRealisticData() throws SQLException {
        List<String> first = generateAndRead(77);
        List<String> again = generateAndRead(77);
        List<String> other = generateAndRead(78);
        assertEquals(first, again, "deterministic for a seed");
        assertNotEquals(first.get(1), other.get(1), "another seed gives other learners");
        assertEquals("3000", first.get(0));
        int enrollments = Integer.parseInt(first.get(2));
        assertTrue(enrollments > 5400 && enrollments < 6600, "about two enrollments per learner: " + enrollments);
        int integrated = Integer.parseInt(first.get(3));
        assertTrue(integrated > 770 && integrated < 850, "about 81 % of leavers integrated: " + integrated / 10.0);
        String[] ages = first.get(4).split("-");
        assertTrue(Integer.parseInt(ages[0]) >= 13 && Integer.parseInt(ages[1]) <= 22, "ages 13-22: " + first.get(4));
        assertEquals("3000", first.get(5), "names in Arabic script too");
        assertEquals("8", first.get(6), "school years 2018-2019 to 2025-2026");
    }

    private List<String> generateAndRead(long seed) throws SQLException {
        List<String> facts = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                DemoDataGenerator.generate(c, 3000, seed);
                try (Statement s = c.createStatement()) {
                    for (String fact : FACTS) {
                        try (ResultSet rs = s.executeQuery(fact.formatted(seed))) {
                            rs.next();
                            facts.add(rs.getString(1));
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return facts;
    }
}
