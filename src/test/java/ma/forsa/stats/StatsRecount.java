package ma.forsa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Compares the trigger-maintained statistics (stats_fact and its summary cells) with what {@code stats_rebuild()}
 * recomputes from the source tables, inside a transaction that is rolled back (the tables are left as they were).
 * Cells whose counts are all zero are left out: the triggers keep a cell that went back to zero, a rebuild has none.
 * Also checks the capacity rule's count of open enrollments per centre, read from the cells (center_open_enrollments),
 * against the rows, as committed and with an uncommitted change of the checking transaction, and association_learner (an
 * association's learners, R__association_learner.sql) against its source view.
 */
public final class StatsRecount {

    private static final String NONZERO = " WHERE enrolled <> 0 OR active <> 0 OR completed <> 0 OR dropped_out <> 0 "
            + "OR integrated <> 0";
    private static final String[] TABLES = { "stats_fact", "stats_center_cell", "stats_academy_cell", "stats_agreement_cell" };

    private StatsRecount() {
    }

    /** center_open_enrollments (the capacity rule's count, read from the cells) against a count of the enrollment rows. */
    private static void assertCapacityCountMatchesTheRows(Statement s, String when) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE o.open <> (SELECT count(*) FROM enrollment e "
                + "WHERE e.center_id = o.center_id AND e.status IN ('ENROLLED', 'ACTIVE'))) FROM center_open_enrollments("
                + "ARRAY(SELECT id FROM center)) o")) {
            r.next();
            assertEquals(0, r.getInt(2), when + ": centres whose open enrollments differ from a count of the rows, of "
                    + r.getInt(1));
        }
    }

    /** association_learner (R__association_learner.sql, the count of an association's learners) against its source view. */
    private static void assertAssociationLearnersMatchTheirSource(Statement s) throws SQLException {
        String source = "SELECT association_id, learner_id, count(*)::int FROM association_learner_source GROUP BY 1, 2";
        String kept = "SELECT association_id, learner_id, refs FROM association_learner";
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM ((" + kept + " EXCEPT ALL " + source + ") UNION ALL (" + source
                + " EXCEPT ALL " + kept + ")) d")) {
            r.next();
            assertEquals(0, r.getInt(1), "association_learner: rows that differ from its source");
        }
    }

    public static void assertCellsMatchARecount(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                assertCapacityCountMatchesTheRows(s, "as committed");
                assertAssociationLearnersMatchTheirSource(s);
                // This transaction's own changes count before its commit applies them to the cells (stats_fact_delta).
                s.execute("SAVEPOINT own_change");
                s.executeUpdate("UPDATE enrollment SET status = 'DROPPED_OUT', exited_on = enrolled_on WHERE id = (SELECT id "
                        + "FROM enrollment WHERE status IN ('ENROLLED', 'ACTIVE') ORDER BY id LIMIT 1)");
                assertCapacityCountMatchesTheRows(s, "with an uncommitted exit");
                s.execute("ROLLBACK TO SAVEPOINT own_change");
                for (String t : TABLES) {
                    s.execute("CREATE TEMP TABLE kept_" + t + " ON COMMIT DROP AS SELECT * FROM " + t
                            + (t.equals("stats_fact") ? "" : NONZERO));
                }
                s.execute("SELECT stats_rebuild()");
                for (String t : TABLES) {
                    String rebuilt = "(SELECT * FROM " + t + (t.equals("stats_fact") ? "" : NONZERO) + ")";
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM ((SELECT * FROM kept_" + t + " EXCEPT ALL "
                            + rebuilt + ") UNION ALL (" + rebuilt + " EXCEPT ALL SELECT * FROM kept_" + t + ")) d")) {
                        r.next();
                        assertEquals(0, r.getInt(1), t + ": rows that differ from a recount");
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }
}
