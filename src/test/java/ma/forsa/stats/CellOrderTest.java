package ma.forsa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import ma.forsa.learner.RegistryFixtures;

/**
 * The summary cells are updated at commit, in the order of their keys (R__statistics.sql): two transactions that change
 * the same cells in opposite orders (two crossing transfers) both commit, neither waits for the other before its commit,
 * and the cells stay equal to a recount.
 */
@QuarkusTest
class CellOrderTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void crossingTransfersDoNotDeadlock() throws Exception {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        UUID x = fx.center(association, "MAR", 50);
        UUID y = fx.center(association, "MAR", 50);
        UUID first = enrolled(fx, x);
        UUID second = enrolled(fx, y);
        try (Connection t1 = dataSource.getConnection(); Connection t2 = dataSource.getConnection()) {
            for (Connection c : new Connection[] { t1, t2 }) {
                c.setAutoCommit(false);
                exec(c, "SET LOCAL lock_timeout = '5s'");
            }
            // t1 moves a learner from x to y while t2 moves another from y to x: each touches x's and y's cells, in
            // opposite orders. With cells updated as each statement runs, t1's second statement would wait for t2's
            // cell of y while t2's waits for t1's cell of x (a deadlock, or here the lock timeout).
            transferOut(t1, first);
            transferOut(t2, second);
            transferIn(t1, first, y);
            transferIn(t2, second, x);
            t1.commit();
            t2.commit();
        }
        assertEquals(2, fx.count("SELECT count(*) FROM enrollment WHERE learner_id IN (SELECT learner_id FROM enrollment "
                + "WHERE id IN (?, ?)) AND status = 'ENROLLED'", first, second));
        assertEquals(0, fx.count("SELECT count(*) FROM stats_fact_delta"));
        StatsRecount.assertCellsMatchARecount(dataSource);
    }

    private static UUID enrolled(RegistryFixtures fx, UUID center) {
        UUID learner = fx.insert("INSERT INTO learner (first_name, last_name, name_key, birth_date, sex) VALUES ('A', 'B', "
                + "'a b', DATE '2010-05-01', 'FEMALE') RETURNING id");
        return fx.insert("INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, enrolled_on) VALUES (?, ?, "
                + "'2025-2026', ARRAY['EDUCATIONAL']::varchar(20)[], 'ENROLLED', ?) RETURNING id", learner, center,
                LocalDate.of(2025, 9, 15));
    }

    private static void transferOut(Connection c, UUID enrollment) throws SQLException {
        try (var s = c.prepareStatement("UPDATE enrollment SET status = 'TRANSFERRED', exited_on = DATE '2026-01-10' "
                + "WHERE id = ?")) {
            s.setObject(1, enrollment);
            s.executeUpdate();
        }
    }

    private static void transferIn(Connection c, UUID enrollment, UUID center) throws SQLException {
        try (var s = c.prepareStatement("INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, "
                + "enrolled_on) SELECT learner_id, ?, school_year, strands, 'ENROLLED', DATE '2026-01-11' FROM enrollment "
                + "WHERE id = ?")) {
            s.setObject(1, center);
            s.setObject(2, enrollment);
            s.executeUpdate();
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
