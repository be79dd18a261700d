package ma.forsa.learner;

import static ma.forsa.learner.RegistryFixtures.enroll;
import static ma.forsa.learner.RegistryFixtures.learnerInput;
import static ma.forsa.learner.RegistryFixtures.letters;
import static ma.forsa.learner.RegistryFixtures.massar;
import static ma.forsa.learner.RegistryFixtures.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.support.GraphQL;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

@QuarkusTest
class LearnerFiltersTest {

    private static final String LIST = "query($f: LearnerFilter) { learners(first: 100, filter: $f) { totalCount "
            + "edges { node { id massarCode firstName lastName guardianPhone sex } } } }";
    private static final String BY_MASSAR = "query($m: String!) { learnerByMassarCode(massarCode: $m) { id } }";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void learnersFilterByCentreAcademyAndSexWithinTheCallersScope() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID marrakech = fx.association("MAR");
        UUID casablanca = fx.association("CAS");
        UUID centerMs = fx.center(marrakech, "MAR", 30);
        UUID centerCs = fx.center(casablanca, "CAS", 30);
        String staffMs = Tokens.associationStaff(marrakech);
        String staffCs = Tokens.associationStaff(casablanca);
        String token = letters(8);

        Map<String, Object> girl = named(token, "FEMALE");
        girl.put("massarCode", massar());
        girl.put("guardianPhone", "0612345678");
        String inMs = register(staffMs, girl);
        enroll(staffMs, inMs, centerMs);
        String boyMs = register(staffMs, named(token, "MALE"));
        enroll(staffMs, boyMs, centerMs);
        String inCs = register(staffCs, named(token, "FEMALE"));
        enroll(staffCs, inCs, centerCs);

        assertEquals(Set.of(inMs, boyMs, inCs), ids(Tokens.admin(), Map.of("search", token)));
        assertEquals(Set.of(inMs, boyMs), ids(Tokens.admin(), Map.of("search", token, "centerId", centerMs.toString())));
        assertEquals(Set.of(inCs), ids(Tokens.admin(), Map.of("search", token, "academyCode", "CS")));
        assertEquals(Set.of(inMs, inCs), ids(Tokens.admin(), Map.of("search", token, "sex", "FEMALE")));
        // Each caller's scope applies on top of the filters.
        assertEquals(Set.of(inMs, boyMs), ids(staffMs, Map.of("search", token)));
        assertEquals(Set.of(), ids(staffMs, Map.of("search", token, "centerId", centerCs.toString())));
        // An officer finds by name only the learners it holds an access grant for (break the glass).
        String officerCs = Tokens.academyOfficer("CS");
        assertEquals(Set.of(), ids(officerCs, Map.of("search", token)));
        RegistryFixtures.grant(officerCs, inCs);
        assertEquals(Set.of(inCs), ids(officerCs, Map.of("search", token)));
        assertEquals(Set.of(), ids(officerCs, Map.of("search", token, "academyCode", "MS")));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.admin(), LIST,
                Map.of("f", Map.of("centerId", "nope")))));

        // The ministry: a list of 2 learners is withheld whole (the disclosure rule, security/Disclosure).
        JsonPath withheld = GraphQL.ok(Tokens.ministry(), LIST, Map.of("f", Map.of("centerId", centerMs.toString())));
        assertNull(withheld.get("data.learners.totalCount"));
        assertEquals(List.of(), withheld.getList("data.learners.edges"));
        // A centre of 5 (with 5 more in its academy and 5 in another, so that no list left without a filter differs by
        // fewer than 5): the ministry gets its count, never its rows.
        UUID bigMs = fx.center(marrakech, "MAR", 30);
        UUID otherMs = fx.center(marrakech, "MAR", 30);
        Set<String> big = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            big.add(enrolled(bigMs, "MAR").toString());
            enrolled(otherMs, "MAR");
            enrolled(centerCs, "CAS");
        }
        JsonPath ministry = GraphQL.ok(Tokens.ministry(), LIST, Map.of("f", Map.of("centerId", bigMs.toString())));
        assertEquals(5, ministry.getInt("data.learners.totalCount"));
        assertEquals(List.of(), ministry.getList("data.learners.edges"));
        assertEquals(List.of("LearnerConnection.edges"), ministry.getList("extensions.withheld.fields"));

        String paged = "query($f: LearnerFilter, $after: String) { learners(first: 1, after: $after, filter: $f) { "
                + "edges { node { id } } pageInfo { hasNextPage endCursor } } }";
        Map<String, Object> byCentre = Map.of("centerId", bigMs.toString());
        Set<String> seen = new java.util.HashSet<>();
        String after = null;
        for (int i = 0; i < 5; i++) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("f", byCentre);
            vars.put("after", after);
            JsonPath page = GraphQL.ok(Tokens.admin(), paged, vars);
            seen.add(page.getString("data.learners.edges[0].node.id"));
            after = page.getString("data.learners.pageInfo.endCursor");
            assertEquals(i < 4, page.getBoolean("data.learners.pageInfo.hasNextPage"));
        }
        assertEquals(big, seen);

        // MASSAR look-ups follow the same scope.
        String code = (String) girl.get("massarCode");
        assertEquals(inMs, GraphQL.ok(staffMs, BY_MASSAR, Map.of("m", code.toLowerCase())).getString("data.learnerByMassarCode.id"));
        String officerMs = Tokens.academyOfficer("MS");
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(officerMs, BY_MASSAR, Map.of("m", code))),
                "an officer finds by MASSAR code only the learners it holds a grant for");
        RegistryFixtures.grant(officerMs, inMs);
        assertEquals(inMs, GraphQL.ok(officerMs, BY_MASSAR, Map.of("m", code)).getString("data.learnerByMassarCode.id"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(staffCs, BY_MASSAR, Map.of("m", code))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("CS"), BY_MASSAR, Map.of("m", code))));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(staffMs, BY_MASSAR, Map.of("m", "123"))));
    }

    /** A learner (no search key) with an ACTIVE enrollment in the centre, straight in the tables. */
    private static UUID enrolled(UUID centre, String province) {
        UUID learner = SqlFixtures.learner("Padding", "FEMALE", province, java.time.LocalDate.of(2011, 3, 4),
                java.time.LocalDate.of(2025, 1, 1));
        SqlFixtures.enrollment(learner, centre, "ACTIVE", java.time.LocalDate.of(2025, 9, 15), null);
        return learner;
    }

    private static Map<String, Object> named(String token, String sex) {
        Map<String, Object> in = new HashMap<>(learnerInput());
        in.put("lastName", "Filter" + token + " " + letters(5));
        in.put("sex", sex);
        return in;
    }

    private static Set<String> ids(String token, Map<String, Object> filter) {
        JsonPath page = GraphQL.ok(token, LIST, Map.of("f", filter));
        List<String> ids = page.getList("data.learners.edges.node.id");
        assertEquals(ids.size(), page.getInt("data.learners.totalCount"));
        return Set.copyOf(ids);
    }
}
