package ma.forsa.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

/**
 * The generator runs on the reactive client inside a transaction that is rolled back, so the shared test database is
 * left as it was. Every figure is read from rows whose ids the generator derives from the seed.
 */
@QuarkusTest
class DemoDataTest {

    private static final String LEARNERS = "(SELECT md5('%1$d:learner:' || i)::uuid FROM generate_series(1, 3000) i)";
    private static final String ENROLLMENTS = "(SELECT md5('%1$d:enrollment:' || (i * 4 + k))::uuid "
            + "FROM generate_series(1, 3000) i, generate_series(0, 2) k)";
    private static final String CENTERS = "(SELECT md5('%1$d:center:' || j)::uuid FROM generate_series(0, 5) j)";

    /** Facts about the generated data, restricted to the generator's own rows. */
    private static final String[] FACTS = {
        "SELECT count(*) FROM learner WHERE id = ANY " + LEARNERS,
        "SELECT md5(string_agg(concat_ws('|', id, massar_code, first_name, last_name, first_name_ar, last_name_ar, birth_date,"
                + " sex), ',' ORDER BY id)) FROM learner WHERE id = ANY " + LEARNERS,
        "SELECT count(*) FROM stats_fact f WHERE f.enrollment_id = ANY " + ENROLLMENTS,
        // share of leavers integrated at the latest follow-up, in per mille
        "SELECT round(1000.0 * count(*) FILTER (WHERE stats_is_integrated(status, outcome_kind)) / count(*)) FROM stats_fact f "
                + "WHERE status IN ('COMPLETED', 'DROPPED_OUT') AND f.enrollment_id = ANY " + ENROLLMENTS,
        "SELECT min(age) || '-' || max(age) FROM stats_fact f WHERE f.enrollment_id = ANY " + ENROLLMENTS,
        "SELECT count(*) FROM learner WHERE first_name_ar IS NOT NULL AND last_name_ar ~ '[\u0600-\u06FF]' AND id = ANY "
                + LEARNERS,
        "SELECT count(DISTINCT school_year) FROM stats_fact f WHERE f.enrollment_id = ANY " + ENROLLMENTS,
        // 7: the showcase centre, the import template's example centre, with its association and covering agreement
        "SELECT string_agg(concat_ws('|', c.code, c.status, a.status, g.status, g.starts_on, g.ends_on), ',') FROM center c "
                + "JOIN association a ON a.id = c.association_id JOIN agreement_center ac ON ac.center_id = c.id "
                + "JOIN agreement g ON g.id = ac.agreement_id AND g.status IN ('SIGNED', 'ACTIVE') "
                + "WHERE c.id = md5('%1$d:center:0')::uuid",
        // 8: generated centres with no agreement SIGNED or ACTIVE covering them on 2025-09-15 (the examples' date)
        "SELECT count(*) FROM center c WHERE c.id = ANY " + CENTERS + " AND NOT EXISTS (SELECT 1 FROM agreement_center ac "
                + "JOIN agreement g ON g.id = ac.agreement_id WHERE ac.center_id = c.id AND g.status IN ('SIGNED', 'ACTIVE') "
                + "AND date '2025-09-15' BETWEEN g.starts_on AND g.ends_on)",
        // 9: open enrollments and capacity of the showcase centre (room left for the template's example row)
        "SELECT (SELECT count(*) FROM enrollment e WHERE e.center_id = c.id AND e.status IN ('ENROLLED', 'ACTIVE')) || '/' "
                + "|| c.capacity FROM center c WHERE c.id = md5('%1$d:center:0')::uuid",
        // 10: centres generated (5 for 3,000 learners, plus the showcase)
        "SELECT count(*) FROM center WHERE id = ANY " + CENTERS,
        // 11: names and keys of the generated learners, one per line
        "SELECT string_agg(concat_ws('|', first_name, last_name, first_name_ar, last_name_ar, name_key, search_key), chr(10) ORDER BY id) "
                + "FROM learner WHERE id = ANY " + LEARNERS };

    @Inject
    Db db;

    @Test
    void theSameSeedGivesTheSameRealisticData() {
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

    @Test
    void theShowcaseCentreIsTheTemplatesExampleAndEveryCentreCanTakeEnrollments() {
        List<String> facts = generateAndRead(2025);
        assertEquals(DemoDataGenerator.SHOWCASE_CENTER + "|OPEN|ACTIVE|ACTIVE|2024-09-01|2027-08-31", facts.get(7));
        assertEquals(ma.forsa.importer.ImportColumn.CENTER.example, DemoDataGenerator.SHOWCASE_CENTER,
                "the import template's example centre is the demo's showcase centre");
        assertEquals("0", facts.get(8), "every demo centre is covered by an agreement SIGNED or ACTIVE");
        String[] occupancy = facts.get(9).split("/");
        assertTrue(Integer.parseInt(occupancy[0]) > 0, "the showcase centre follows learners: " + facts.get(9));
        assertTrue(Integer.parseInt(occupancy[0]) < Integer.parseInt(occupancy[1]), "and has room: " + facts.get(9));
        assertEquals("6", facts.get(10));
    }

    @Test
    void demoLearnersHaveTheKeysTheApplicationWritesSoThatSearchFindsThem() {
        String[] learners = generateAndRead(2025).get(11).split("\n");
        assertEquals(3000, learners.length);
        for (String line : learners) {
            String[] f = line.split("\\|", -1);
            assertEquals(ma.forsa.learner.Names.nameKey(f[0], f[1]), f[4], line);
            assertEquals(ma.forsa.learner.Names.searchKey(f[0], f[1], f[2], f[3]), f[5], line);
        }
    }

    @Test
    void theScriptIsPlainStatementsWithoutMarkers() {
        List<String> statements = DemoDataGenerator.statements(1000, 2025);
        assertTrue(statements.size() > 20);
        for (String statement : statements) {
            assertFalse(statement.contains("?"), "a literal ? would be read as a parameter marker: " + statement);
            assertFalse(statement.contains("${"), "a placeholder left unfilled: " + statement);
        }
    }

    /** Thrown to roll the generator's transaction back once the facts are read. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("rolled back on purpose", null, false, false);
        }
    }

    private List<String> generateAndRead(long seed) {
        AtomicReference<List<String>> read = new AtomicReference<>();
        try {
            db.transaction(connection -> connection
                    // another test may have made a centre with the showcase's code: set it aside (rolled back too)
                    .update(Sql.of("UPDATE center SET code = 'aside-' || substr(md5(id::text), 1, 20) WHERE code = '"
                            + DemoDataGenerator.SHOWCASE_CENTER + "'"))
                    .chain(() -> DemoDataGenerator.generate(connection, 3000, seed))
                    .chain(() -> facts(connection, seed))
                    .invoke(read::set)
                    .chain(() -> Uni.createFrom().<Void> failure(new RolledBack())))
                    .await().atMost(Duration.ofMinutes(3));
        } catch (RolledBack expected) {
            // the transaction was rolled back, as intended
        }
        assertNotNull(read.get(), "the facts were read");
        return read.get();
    }

    private static Uni<List<String>> facts(Db.Connection connection, long seed) {
        List<String> out = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String fact : FACTS) {
            chain = chain.chain(() -> connection.list(Sql.of("SELECT (" + fact.formatted(seed) + ")::text AS v"), r -> r.string("v"))
                    .invoke(rows -> out.add(rows.get(0))).replaceWithVoid());
        }
        return chain.replaceWith(out);
    }
}
