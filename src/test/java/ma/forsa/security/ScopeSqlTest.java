package ma.forsa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import ma.forsa.common.db.Sql;
import ma.forsa.support.DirectSql;
import ma.forsa.support.SqlFixtures;

/**
 * {@link ScopeSql#learners} (the set form, for lists) and {@link ScopeSql#learner} (the per-row probe, for look-ups) are
 * one rule written twice for the planner: for every kind of caller they must select the same learners. Learners that
 * exercise each branch: registered by an association with or without enrollments, enrolled elsewhere, registered by
 * nobody, enrolled in a centre an association runs in another academy.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeSqlTest {

    private static final LocalDate BORN = LocalDate.of(2009, 3, 4);
    private static final LocalDate SINCE = LocalDate.of(2024, 9, 16);

    private UUID a; // based in MAR (academy MS)
    private UUID b; // based in CAS (academy CS)
    private final Map<String, UUID> learners = new LinkedHashMap<>();

    @BeforeAll
    void fixtures() {
        a = SqlFixtures.association("MAR");
        b = SqlFixtures.association("CAS");
        UUID centerA = SqlFixtures.center(a, "MAR");
        UUID centerAInCs = SqlFixtures.center(a, "CAS"); // a centre of A in the other academy
        UUID centerB = SqlFixtures.center(b, "CAS");
        learners.put("registeredByA", learner(a));
        learners.put("registeredByBEnrolledAtA", learner(b));
        learners.put("unregisteredEnrolledAtB", learner(null));
        learners.put("unregisteredNowhere", learner(null));
        learners.put("registeredByAEnrolledAtB", learner(a));
        learners.put("unregisteredEnrolledAtAInCs", learner(null));
        learners.put("registeredByBNowhere", learner(b));
        SqlFixtures.enrollment(learners.get("registeredByBEnrolledAtA"), centerA, "COMPLETED", SINCE, SINCE.plusMonths(6));
        SqlFixtures.enrollment(learners.get("unregisteredEnrolledAtB"), centerB, "ENROLLED", SINCE, null);
        SqlFixtures.enrollment(learners.get("registeredByAEnrolledAtB"), centerB, "ENROLLED", SINCE, null);
        SqlFixtures.enrollment(learners.get("unregisteredEnrolledAtAInCs"), centerAInCs, "ENROLLED", SINCE, null);
    }

    private static UUID learner(UUID registeredBy) {
        UUID id = SqlFixtures.learner("Scope" + SqlFixtures.suffix(), "FEMALE", "MAR", BORN, SINCE);
        DirectSql.update("UPDATE learner SET registered_by_association_id = ? WHERE id = ?", registeredBy, id);
        return id;
    }

    private static AccessScope scope(Role role, String academy, UUID association, Standing standing) {
        return new AccessScope("scope-sql-test", role, Set.of(role), academy, association, standing, "r", null);
    }

    /** The fixture learners' ids, as a uuid[] literal. */
    private String fixtureIds() {
        return "{" + learners.values().stream().map(UUID::toString).collect(Collectors.joining(",")) + "}";
    }

    /** The fixture learners a predicate selects, by name. */
    private Set<String> selected(Sql.Fragment predicate) {
        Sql sql = Sql.select("SELECT l.id FROM learner l").where("l.id = ANY(?::uuid[])", fixtureIds()).where(predicate);
        Set<Object> ids = DirectSql.query(sql.fragment().text(), sql.values().toArray()).stream().map(r -> r.get("id"))
                .collect(Collectors.toSet());
        return learners.entrySet().stream().filter(e -> ids.contains(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** In a select list (LearnerWrites.columns): true or false, never null. */
    private List<Object> flags(Sql.Fragment predicate) {
        Sql sql = Sql.select(Sql.Fragment.of("SELECT ").plus(predicate).plus(" AS v FROM learner l"))
                .where("l.id = ANY(?::uuid[])", fixtureIds());
        return DirectSql.query(sql.fragment().text(), sql.values().toArray()).stream().map(r -> r.get("v")).toList();
    }

    @Test
    void bothFormsSelectTheSameLearnersForEveryCaller() {
        Map<String, AccessScope> callers = new LinkedHashMap<>();
        callers.put("admin", scope(Role.ADMIN, null, null, Standing.ACTIVE));
        callers.put("ministry", scope(Role.MINISTRY, null, null, Standing.ACTIVE));
        callers.put("officer MS", scope(Role.ACADEMY_OFFICER, "MS", null, Standing.ACTIVE));
        callers.put("officer CS", scope(Role.ACADEMY_OFFICER, "CS", null, Standing.ACTIVE));
        callers.put("staff A", scope(Role.ASSOCIATION_STAFF, null, a, Standing.ACTIVE));
        callers.put("staff B", scope(Role.ASSOCIATION_STAFF, null, b, Standing.ACTIVE));
        callers.put("staff A suspended", scope(Role.ASSOCIATION_STAFF, null, a, Standing.SUSPENDED));
        callers.put("staff A dissolved", scope(Role.ASSOCIATION_STAFF, null, a, Standing.DISSOLVED));
        for (Map.Entry<String, AccessScope> c : callers.entrySet()) {
            AccessScope s = c.getValue();
            assertEquals(selected(ScopeSql.learners(s, "l")), selected(ScopeSql.learner(s, "l")), c.getKey());
            flags(ScopeSql.learner(s, "l")).forEach(v -> assertEquals(Boolean.class, v == null ? null : v.getClass(),
                    c.getKey() + ": the probe is never null in a select list"));
        }
        // The rule itself, so that two equally wrong forms cannot pass.
        assertEquals(new TreeSet<>(List.of("registeredByA", "registeredByAEnrolledAtB", "registeredByBEnrolledAtA",
                "unregisteredEnrolledAtAInCs")), selected(ScopeSql.learner(callers.get("staff A"), "l")));
        assertEquals(new TreeSet<>(List.of("registeredByA", "registeredByAEnrolledAtB", "registeredByBEnrolledAtA")),
                selected(ScopeSql.learner(callers.get("officer MS"), "l")));
        assertEquals(new TreeSet<>(List.of("registeredByAEnrolledAtB", "registeredByBEnrolledAtA", "registeredByBNowhere",
                "unregisteredEnrolledAtAInCs", "unregisteredEnrolledAtB")),
                selected(ScopeSql.learner(callers.get("officer CS"), "l")));
        assertEquals(Set.of(), selected(ScopeSql.learner(callers.get("staff A dissolved"), "l")));
        assertEquals(learners.keySet(), selected(ScopeSql.learner(callers.get("admin"), "l")));
    }
}
