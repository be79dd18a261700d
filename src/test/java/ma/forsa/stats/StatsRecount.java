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
 */
public final class StatsRecount {

    private static final String NONZERO = " WHERE enrolled <> 0 OR active <> 0 OR completed <> 0 OR dropped_out <> 0 "
            + "OR integrated <> 0";
    private static final String[] TABLES = { "stats_fact", "stats_center_cell", "stats_academy_cell", "stats_agreement_cell" };

    private StatsRecount() {
    }

    public static void assertCellsMatchARecount(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
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
