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
import ma.forsa.support.DirectSql;
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

    /**
     * A centre's learners alone (the partner portal's list) are read in name order from the centre's enrollments
     * (enrollment.learner_sort_key, V188): the same learners, order, count and cursors as the general list, which a
     * search by name still reads through the learners, after a rename and an anonymisation too.
     */
    @Test
    void aCentresLearnersComeInNameOrderFromItsEnrollmentsThroughRenamesAndAnonymisation() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        UUID centre = fx.center(association, "MAR", 30);
        String staff = Tokens.associationStaff(association);
        String token = letters(8);
        List<String> registered = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = register(staff, named(token, i % 2 == 0 ? "FEMALE" : "MALE"));
            enroll(staff, id, centre);
            registered.add(id);
        }
        // one of them was enrolled there the year before too: listed and counted once
        SqlFixtures.enrollment(UUID.fromString(registered.get(2)), centre, "COMPLETED", java.time.LocalDate.of(2024, 9, 16),
                java.time.LocalDate.of(2025, 6, 30));
        Map<String, Object> byCentre = Map.of("centerId", centre.toString());
        Map<String, Object> bySearch = Map.of("centerId", centre.toString(), "search", token);

        List<String> order = inOrder(Tokens.admin(), bySearch);
        assertEquals(6, order.size());
        assertEquals(order, inOrder(Tokens.admin(), byCentre));
        assertEquals(order, inOrder(staff, byCentre));
        assertEquals(order, pageByPage(staff, byCentre, 4));
        assertEquals(Set.of(), Set.copyOf(inOrder(Tokens.associationStaff(fx.association("MAR")), byCentre)),
                "another association's staff sees no learner of this centre");

        // renamed to sort last, through the mutation
        String first = order.get(0);
        Map<String, Object> renamed = new HashMap<>(learnerInput());
        renamed.put("firstName", "Zzzz" + letters(4)); // the name order starts with the first name
        renamed.put("lastName", "Filter" + token + " renamed");
        GraphQL.ok(staff, "mutation($id: ID!, $in: LearnerInput!) { updateLearner(id: $id, version: 0, input: $in) { id } }",
                Map.of("id", first, "in", renamed));
        List<String> after = inOrder(Tokens.admin(), bySearch);
        assertEquals(first, after.get(after.size() - 1), "the renamed learner sorts last");
        assertEquals(after, inOrder(staff, byCentre));
        assertEquals(after, pageByPage(staff, byCentre, 5));

        // anonymised as the retention job does: gone from the list and its count
        String gone = after.get(1);
        DirectSql.update("UPDATE learner SET first_name = NULL, last_name = NULL, name_key = NULL, search_key = NULL, "
                + "anonymised_at = now(), version = version + 1 WHERE id = ?::uuid", gone);
        List<String> left = new java.util.ArrayList<>(after);
        left.remove(gone);
        assertEquals(left, inOrder(staff, byCentre));
        assertEquals(left, pageByPage(staff, byCentre, 5));
        assertEquals(0, fx.count("SELECT count(*) FROM enrollment e JOIN learner l ON l.id = e.learner_id WHERE "
                + "e.learner_sort_key IS DISTINCT FROM CASE WHEN l.anonymised_at IS NULL THEN coalesce(l.name_key, '') END"),
                "every enrollment carries its learner's name order (R__learner_sort_key.sql)");
    }

    /**
     * An association's staff listing all their learners (no filter) are read in name order from the keys of the
     * association's enrollments and registrations: the learners of ScopeSql.learners (enrolled in one of its centres, or
     * registered by it, once each), in the general list's order, count and cursors, through a rename and an anonymisation.
     */
    @Test
    void anAssociationsOwnListComesFromItsEnrollmentsAndRegistrationsInNameOrder() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        UUID one = fx.center(association, "MAR", 30);
        UUID two = fx.center(association, "MAR", 30);
        UUID other = fx.association("MAR");
        UUID elsewhere = fx.center(other, "MAR", 30);
        String staff = Tokens.associationStaff(association);
        String otherStaff = Tokens.associationStaff(other);
        String token = letters(8);
        String inOne = register(staff, named(token, "FEMALE"));
        enroll(staff, inOne, one);
        String inTwo = register(staff, named(token, "MALE"));
        enroll(staff, inTwo, two);
        String inBoth = register(staff, named(token, "FEMALE"));
        enroll(staff, inBoth, one);
        SqlFixtures.enrollment(UUID.fromString(inBoth), two, "COMPLETED", java.time.LocalDate.of(2024, 9, 16),
                java.time.LocalDate.of(2025, 6, 30));
        String onlyRegistered = register(staff, named(token, "MALE"));
        String registeredEnrolledElsewhere = register(staff, named(token, "FEMALE"));
        SqlFixtures.enrollment(UUID.fromString(registeredEnrolledElsewhere), elsewhere, "ACTIVE",
                java.time.LocalDate.of(2025, 9, 15), null);
        String othersInOne = register(otherStaff, named(token, "MALE"));
        SqlFixtures.enrollment(UUID.fromString(othersInOne), one, "ACTIVE", java.time.LocalDate.of(2025, 9, 15), null);
        String othersOnly = register(otherStaff, named(token, "FEMALE"));
        enroll(otherStaff, othersOnly, elsewhere);
        Set<String> ours = Set.of(inOne, inTwo, inBoth, onlyRegistered, registeredEnrolledElsewhere, othersInOne);

        Map<String, Object> all = Map.of();
        Map<String, Object> bySearch = Map.of("search", token);
        List<String> order = inOrder(Tokens.admin(), bySearch).stream().filter(ours::contains).toList();
        assertEquals(6, order.size());
        assertEquals(order, inOrder(staff, all));
        assertEquals(order, inOrder(staff, bySearch), "the general list agrees");
        assertEquals(order, pageByPage(staff, all, 4));
        assertEquals(Set.of(othersInOne, othersOnly, registeredEnrolledElsewhere), ids(otherStaff, all),
                "the other association: those it registered or that are enrolled in its centre");

        Set<String> followed = Set.of(inOne, inTwo, inBoth, onlyRegistered); // those the association may change
        String first = order.stream().filter(followed::contains).findFirst().orElseThrow();
        Map<String, Object> renamed = new HashMap<>(learnerInput());
        renamed.put("firstName", "Zzzz" + letters(4));
        renamed.put("lastName", "Filter" + token + " renamed");
        GraphQL.ok(staff, "mutation($id: ID!, $in: LearnerInput!) { updateLearner(id: $id, version: 0, input: $in) { id } }",
                Map.of("id", first, "in", renamed));
        List<String> after = inOrder(staff, bySearch);
        assertEquals(first, after.get(after.size() - 1), "the renamed learner sorts last");
        assertEquals(after, inOrder(staff, all));
        assertEquals(after, pageByPage(staff, all, 4));

        for (String gone : List.of(inBoth, onlyRegistered)) { // anonymised as the retention job does
            DirectSql.update("UPDATE learner SET first_name = NULL, last_name = NULL, name_key = NULL, search_key = NULL, "
                    + "anonymised_at = now(), version = version + 1 WHERE id = ?::uuid", gone);
        }
        List<String> left = after.stream().filter(id -> !id.equals(inBoth) && !id.equals(onlyRegistered)).toList();
        assertEquals(left, inOrder(staff, all));
        assertEquals(left, pageByPage(staff, all, 3));
    }

    /** The ids of a list in its order; its totalCount must be their number. */
    private static List<String> inOrder(String token, Map<String, Object> filter) {
        JsonPath page = GraphQL.ok(token, LIST, Map.of("f", filter));
        List<String> ids = page.getList("data.learners.edges.node.id");
        assertEquals(ids.size(), page.getInt("data.learners.totalCount"), page.prettify());
        return ids;
    }

    /** The same list read two learners at a time, following the cursors until hasNextPage is false. */
    private static List<String> pageByPage(String token, Map<String, Object> filter, int pages) {
        String paged = "query($f: LearnerFilter, $after: String) { learners(first: 2, after: $after, filter: $f) { "
                + "edges { node { id } } pageInfo { hasNextPage endCursor } } }";
        List<String> ids = new java.util.ArrayList<>();
        String after = null;
        for (int i = 0; i < pages; i++) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("f", filter);
            vars.put("after", after);
            JsonPath page = GraphQL.ok(token, paged, vars);
            ids.addAll(page.getList("data.learners.edges.node.id"));
            after = page.getString("data.learners.pageInfo.endCursor");
            if (!page.getBoolean("data.learners.pageInfo.hasNextPage")) {
                return ids;
            }
        }
        throw new AssertionError("more than " + pages + " pages of 2: " + ids);
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
        return Set.copyOf(inOrder(token, filter));
    }
}
