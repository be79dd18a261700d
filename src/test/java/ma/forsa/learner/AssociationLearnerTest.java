package ma.forsa.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/**
 * association_learner (V189, R__association_learner.sql), from which an association's learners are counted, follows
 * every kind of write its source has: enrollments inserted, moved to another centre, deleted; learners registered,
 * handed to another association, anonymised; a centre handed to another association. After each, the table holds for
 * the two associations exactly what its source view gives (learner, number of reasons), and the list's totalCount says
 * so through the API.
 */
@QuarkusTest
class AssociationLearnerTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void followsEveryWriteOfItsSource() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID a = fx.association("MAR");
        UUID b = fx.association("MAR");
        UUID a1 = fx.center(a, "MAR", 50);
        UUID a2 = fx.center(a, "MAR", 50);
        UUID b1 = fx.center(b, "MAR", 50);
        UUID l1 = learner(fx, null);
        UUID l2 = learner(fx, a);
        UUID l3 = learner(fx, null);

        UUID first = enroll(fx, l1, a1, "2023-2024", false);
        enroll(fx, l1, a1, "2024-2025", false);
        enroll(fx, l1, b1, "2025-2026", true);
        UUID third = enroll(fx, l3, a2, "2025-2026", true);
        check(fx, a, Map.of(l1, 2, l2, 1, l3, 1));
        check(fx, b, Map.of(l1, 1));

        fx.execute("UPDATE enrollment SET center_id = ? WHERE id = ?", b1, first); // moved to the other association's centre
        check(fx, a, Map.of(l1, 1, l2, 1, l3, 1));
        check(fx, b, Map.of(l1, 2));

        fx.execute("UPDATE center SET association_id = ? WHERE id = ?", b, a2); // the centre changes hands, with its learner
        check(fx, a, Map.of(l1, 1, l2, 1));
        check(fx, b, Map.of(l1, 2, l3, 1));

        fx.execute("UPDATE learner SET registered_by_association_id = ? WHERE id = ?", b, l2);
        check(fx, a, Map.of(l1, 1));
        check(fx, b, Map.of(l1, 2, l2, 1, l3, 1));

        fx.execute("DELETE FROM enrollment WHERE id = ?", third);
        check(fx, b, Map.of(l1, 2, l2, 1));

        fx.execute("UPDATE learner SET first_name = NULL, last_name = NULL, name_key = NULL, search_key = NULL, "
                + "anonymised_at = now(), version = version + 1 WHERE id IN (?, ?)", l1, l2);
        check(fx, a, Map.of());
        check(fx, b, Map.of());
    }

    /** The table's rows for {@code association}, its source's, the expected ones, and the staff list's totalCount agree. */
    private static void check(RegistryFixtures fx, UUID association, Map<UUID, Integer> expected) {
        assertEquals(new TreeMap<>(expected), rows(fx, "SELECT learner_id, refs FROM association_learner WHERE association_id = ?",
                association), "association_learner");
        assertEquals(new TreeMap<>(expected), rows(fx, "SELECT learner_id, count(*)::int AS refs FROM association_learner_source "
                + "WHERE association_id = ? GROUP BY 1", association), "its source");
        assertEquals(expected.size(), GraphQL.ok(Tokens.associationStaff(association),
                "{ learners(first: 5) { totalCount edges { node { id } } } }").getInt("data.learners.totalCount"));
    }

    private static Map<UUID, Integer> rows(RegistryFixtures fx, String sql, UUID association) {
        Map<UUID, Integer> rows = new TreeMap<>();
        for (Map<String, Object> row : fx.query(sql, association)) {
            rows.put((UUID) row.get("learner_id"), ((Number) row.get("refs")).intValue());
        }
        return rows;
    }

    private static UUID learner(RegistryFixtures fx, UUID registeredBy) {
        return fx.insert("INSERT INTO learner (first_name, last_name, name_key, birth_date, sex, registered_by_association_id) "
                + "VALUES ('Amal', 'Idrissi', 'amal idrissi', DATE '2010-05-01', 'FEMALE', ?) RETURNING id", registeredBy);
    }

    /** An enrollment, open or left (a learner has one open enrollment at most). */
    private static UUID enroll(RegistryFixtures fx, UUID learner, UUID center, String schoolYear, boolean open) {
        LocalDate on = LocalDate.of(Integer.parseInt(schoolYear.substring(0, 4)), 9, 15);
        return fx.insert("INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, enrolled_on, exited_on) "
                + "VALUES (?, ?, ?, ARRAY['EDUCATIONAL']::varchar(20)[], ?, ?, ?) RETURNING id", learner, center, schoolYear,
                open ? "ENROLLED" : "TRANSFERRED", on, open ? null : on.plusMonths(6));
    }
}
