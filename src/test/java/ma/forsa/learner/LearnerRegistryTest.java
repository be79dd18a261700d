package ma.forsa.learner;

import static ma.forsa.learner.RegistryFixtures.LEARNER_FIELDS;
import static ma.forsa.learner.RegistryFixtures.REGISTER;
import static ma.forsa.learner.RegistryFixtures.learnerInput;
import static ma.forsa.learner.RegistryFixtures.letters;
import static ma.forsa.learner.RegistryFixtures.massar;
import static ma.forsa.learner.RegistryFixtures.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

@QuarkusTest
class LearnerRegistryTest {

    private static final String LEARNER = "query($id: ID!) { learner(id: $id) { " + LEARNER_FIELDS + " } }";
    private static final String SEARCH = "query($f: LearnerFilter, $first: Int, $after: String) { learners(first: $first, "
            + "after: $after, filter: $f) { totalCount edges { cursor node { id firstName } } pageInfo { hasNextPage endCursor } } }";
    private static final String UPDATE = "mutation($id: ID!, $v: Int!, $in: LearnerInput!) { updateLearner(id: $id, "
            + "version: $v, input: $in) { id firstName version } }";

    @Inject
    AgroalDataSource dataSource;
    RegistryFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixtures(dataSource);
    }

    @Test
    void anAdminRegistersALearnerWithAllFields() {
        Map<String, Object> in = learnerInput();
        String code = massar();
        in.put("massarCode", " " + code.toLowerCase() + " ");
        in.put("cin", "be123456");
        in.put("firstNameAr", "أمينة");
        in.put("lastNameAr", "بناني");
        in.put("provinceOfResidenceCode", "MAR");
        in.put("guardianName", "Fatima Bennani");
        in.put("guardianPhone", "06 12 34 56 78");
        in.put("disability", true);
        in.put("leftSchoolYear", 2023);
        in.put("dropoutReason", "distance to school");
        JsonPath r = GraphQL.ok(Tokens.admin(), REGISTER, Map.of("in", in));
        assertEquals(code, r.getString("data.registerLearner.massarCode"));
        assertEquals("BE123456", r.getString("data.registerLearner.cin"));
        assertEquals("0612345678", r.getString("data.registerLearner.guardianPhone"));
        assertEquals("MAR", r.getString("data.registerLearner.provinceOfResidence.code"));
        assertEquals(true, r.getBoolean("data.registerLearner.disability"));
        assertEquals(0, r.getInt("data.registerLearner.version"));
        String id = r.getString("data.registerLearner.id");
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE entity = 'Learner' AND entity_id = ? AND action = 'CREATE' "
                + "AND changes ->> 'firstName' = 'changed' AND changes::text NOT LIKE ?", id, "%" + in.get("firstName") + "%"));
        JsonPath byCode = GraphQL.ok(Tokens.admin(), "query($m: String!) { learnerByMassarCode(massarCode: $m) { id } }",
                Map.of("m", code));
        assertEquals(id, byCode.getString("data.learnerByMassarCode.id"));
    }

    @Test
    void malformedCodesAndUnknownProvincesAreRefusedFieldByField() {
        assertField("massarCode", "J12345", "massarCode");
        assertField("massarCode", "1300123456", "massarCode");
        assertField("cin", "ABC123", "cin");
        assertField("cin", "B1234567", "cin");
        assertField("provinceOfResidenceCode", "XXX", "provinceOfResidenceCode");
        assertField("birthDate", "2099-01-01", "birthDate");
        assertField("guardianPhone", "12ab", "guardianPhone");
        assertField("firstNameAr", "Amina", "firstNameAr");
    }

    private void assertField(String key, Object value, String field) {
        Map<String, Object> in = learnerInput();
        in.put(key, value);
        JsonPath r = GraphQL.post(Tokens.admin(), REGISTER, Map.of("in", in));
        assertEquals("VALIDATION", GraphQL.errorCode(r), r.prettify());
        assertEquals(field, r.getString("errors[0].extensions.field"));
    }

    @Test
    void aSecondLearnerWithTheSameMassarCodeIsAlwaysRefused() {
        Map<String, Object> in = learnerInput();
        in.put("massarCode", massar());
        String first = register(Tokens.admin(), in);
        Map<String, Object> other = learnerInput();
        other.put("massarCode", in.get("massarCode"));
        JsonPath r = GraphQL.post(Tokens.admin(), REGISTER, Map.of("in", other, "c", true));
        assertEquals("DUPLICATE_SUSPECTED", GraphQL.errorCode(r));
        assertEquals(List.of(first), candidates(r), r.prettify());
    }

    @Test
    void sameNormalisedNamesAndBirthDateAreFlaggedUntilConfirmed() {
        String token = letters(7);
        Map<String, Object> in = learnerInput();
        in.put("firstName", "Zineb");
        in.put("lastName", "Aït-Ouahmane " + token);
        in.put("birthDate", "2009-03-0" + (1 + (int) (Math.random() * 8)));
        String first = register(Tokens.admin(), in);

        Map<String, Object> same = new HashMap<>(in);
        same.put("firstName", "ZINEB");
        same.put("lastName", "ait ouahmane " + token.toUpperCase());
        JsonPath r = GraphQL.post(Tokens.admin(), REGISTER, Map.of("in", same));
        assertEquals("DUPLICATE_SUSPECTED", GraphQL.errorCode(r));
        assertEquals(List.of(first), candidates(r), r.prettify());

        Map<String, Object> close = new HashMap<>(in);
        close.put("firstName", "Zaineb"); // one letter more
        assertEquals("DUPLICATE_SUSPECTED", GraphQL.errorCode(GraphQL.post(Tokens.admin(), REGISTER, Map.of("in", close))));

        Map<String, Object> swapped = new HashMap<>(in);
        swapped.put("firstName", in.get("lastName"));
        swapped.put("lastName", "Zineb");
        assertEquals("DUPLICATE_SUSPECTED", GraphQL.errorCode(GraphQL.post(Tokens.admin(), REGISTER, Map.of("in", swapped))));

        Map<String, Object> otherDay = new HashMap<>(same);
        otherDay.put("birthDate", "2008-12-31");
        assertNotNull(register(Tokens.admin(), otherDay));

        JsonPath confirmed = GraphQL.ok(Tokens.admin(), REGISTER, Map.of("in", same, "c", true));
        String second = confirmed.getString("data.registerLearner.id");
        assertFalse(second.equals(first));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE entity_id = ? AND changes ->> 'confirmedNotDuplicateOf' LIKE ?",
                second, "%" + first + "%"));
    }

    @Test
    void arabicNamesAreComparedToo() {
        String token = letters(6);
        Map<String, Object> in = learnerInput();
        in.put("birthDate", "2011-02-0" + (1 + (int) (Math.random() * 8)));
        in.put("firstNameAr", "فاطمة");
        in.put("lastNameAr", "الإدريسي");
        String first = register(Tokens.admin(), in);
        Map<String, Object> transliterated = learnerInput(); // another Latin spelling, same Arabic name
        transliterated.put("birthDate", in.get("birthDate"));
        transliterated.put("firstNameAr", "فاطِمَة");
        transliterated.put("lastNameAr", "الادريسي");
        JsonPath r = GraphQL.post(Tokens.admin(), REGISTER, Map.of("in", transliterated));
        assertEquals("DUPLICATE_SUSPECTED", GraphQL.errorCode(r), token);
        assertTrue(candidates(r).contains(first));
    }

    @Test
    void searchIgnoresCaseAccentsAndArabicDiacritics() {
        String token = letters(8);
        Map<String, Object> in = learnerInput();
        in.put("firstName", "Zineb");
        in.put("lastName", "Aït-Ouahmane" + token);
        in.put("firstNameAr", "فاطِمة");
        in.put("lastNameAr", "الإدريسي");
        String id = register(Tokens.admin(), in);

        assertEquals(List.of(id), ids(search(Tokens.admin(), "ZINEB ait-ouahmane" + token.toUpperCase())));
        assertEquals(List.of(id), ids(search(Tokens.admin(), "ouahmané" + token)));
        assertEquals(List.of(id), ids(search(Tokens.admin(), "فاطمه " + "ouahmane" + token)));
        assertEquals(List.of(id), ids(search(Tokens.admin(), "الادريسي ouahmane" + token)));
        assertEquals(List.of(), ids(search(Tokens.admin(), "Karim ouahmane" + token)));
    }

    @Test
    void pagesFollowTheCursor() {
        String token = letters(8);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> in = learnerInput();
            in.put("lastName", "Page" + token + " " + letters(4));
            register(Tokens.admin(), in);
        }
        JsonPath p1 = GraphQL.ok(Tokens.admin(), SEARCH, Map.of("f", Map.of("search", "page" + token), "first", 2));
        assertEquals(5, p1.getInt("data.learners.totalCount"));
        assertTrue(p1.getBoolean("data.learners.pageInfo.hasNextPage"));
        JsonPath p2 = GraphQL.ok(Tokens.admin(), SEARCH, Map.of("f", Map.of("search", "page" + token), "first", 2,
                "after", p1.getString("data.learners.pageInfo.endCursor")));
        JsonPath p3 = GraphQL.ok(Tokens.admin(), SEARCH, Map.of("f", Map.of("search", "page" + token), "first", 2,
                "after", p2.getString("data.learners.pageInfo.endCursor")));
        assertEquals(1, p3.getList("data.learners.edges").size());
        assertFalse(p3.getBoolean("data.learners.pageInfo.hasNextPage"));
        List<String> all = new java.util.ArrayList<>(ids(p1));
        all.addAll(ids(p2));
        all.addAll(ids(p3));
        assertEquals(5, all.stream().distinct().count());
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.admin(), SEARCH, Map.of("after", "garbage"))));
    }

    @Test
    void updatesCarryTheVersionTheyRead() {
        Map<String, Object> in = learnerInput();
        String id = register(Tokens.admin(), in);
        in.put("firstName", "Khadija" + letters(5));
        JsonPath ok = GraphQL.ok(Tokens.admin(), UPDATE, Map.of("id", id, "v", 0, "in", in));
        assertEquals(1, ok.getInt("data.updateLearner.version"));
        JsonPath stale = GraphQL.post(Tokens.admin(), UPDATE, Map.of("id", id, "v", 0, "in", in));
        assertEquals("CONFLICT", GraphQL.errorCode(stale));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE entity_id = ? AND action = 'UPDATE'", id));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.admin(), UPDATE,
                Map.of("id", UUID.randomUUID().toString(), "v", 0, "in", in))));
    }

    @Test
    void theMinistryReadsNoLearnerAndChangesNothing() {
        Map<String, Object> in = learnerInput();
        in.put("massarCode", massar());
        in.put("guardianPhone", "0612345678");
        in.put("cin", "BE12345");
        String id = register(Tokens.admin(), in);
        JsonPath r = GraphQL.post(Tokens.ministry(), LEARNER, Map.of("id", id));
        assertEquals("FORBIDDEN", GraphQL.errorCode(r), "MINISTRY reads learners as figures only");
        assertNull(r.get("data.learner"));
        assertFalse(r.prettify().contains("2010-05-01"), r.prettify());
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), REGISTER, Map.of("in", learnerInput()))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), UPDATE, Map.of("id", id, "v", 0, "in", in))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), SEARCH, Map.of("f", Map.of("search", "amina")))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(),
                "query($m: String!) { learnerByMassarCode(massarCode: $m) { id } }", Map.of("m", in.get("massarCode")))));
    }

    @Test
    void staffSeeTheLearnersTheyRegisteredAndNoOthers() {
        UUID mine = fx.association("MAR");
        UUID theirs = fx.association("MAR");
        Map<String, Object> in = learnerInput();
        in.put("disability", true);
        String id = register(Tokens.associationStaff(mine), in);

        JsonPath own = GraphQL.ok(Tokens.associationStaff(mine), LEARNER, Map.of("id", id));
        assertEquals(in.get("firstName"), own.getString("data.learner.firstName"));
        assertEquals(true, own.getBoolean("data.learner.disability"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(theirs), LEARNER, Map.of("id", id))));
        assertEquals(0, GraphQL.ok(Tokens.associationStaff(theirs), SEARCH,
                Map.of("f", Map.of("search", (String) in.get("firstName")))).getInt("data.learners.totalCount"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(theirs), UPDATE,
                Map.of("id", id, "v", 0, "in", in))));
        in.put("guardianName", "Updated by staff");
        assertEquals(1, GraphQL.ok(Tokens.associationStaff(mine), UPDATE, Map.of("id", id, "v", 0, "in", in))
                .getInt("data.updateLearner.version"));

        // An officer of the association's academy (MAR is in MS) reads the learner pseudonymised, and its identity (never
        // the sensitive fields) under an access grant.
        String officerMs = Tokens.academyOfficer("MS");
        JsonPath pseudonymised = GraphQL.ok(officerMs, LEARNER, Map.of("id", id));
        assertNull(pseudonymised.get("data.learner.firstName"));
        RegistryFixtures.grant(officerMs, id);
        JsonPath officer = GraphQL.ok(officerMs, LEARNER, Map.of("id", id));
        assertEquals(in.get("firstName"), officer.getString("data.learner.firstName"));
        assertNull(officer.get("data.learner.disability"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("CS"), LEARNER, Map.of("id", id))));
        // Academy officers write learners of their academy too (domain.md): they name the association that follows.
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("CS"), UPDATE,
                Map.of("id", id, "v", 1, "in", in))));
        in.put("guardianName", "Updated by the academy");
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), UPDATE,
                Map.of("id", id, "v", 1, "in", in))), "changing the identity needs a grant");
        assertEquals(2, GraphQL.ok(officerMs, UPDATE, Map.of("id", id, "v", 1, "in", in))
                .getInt("data.updateLearner.version"));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), REGISTER,
                Map.of("in", learnerInput()))), "an officer names the association");
        String registered = GraphQL.ok(Tokens.academyOfficer("MS"), "mutation($in: LearnerInput!, $a: ID) { registerLearner("
                + "input: $in, associationId: $a) { id } }", Map.of("in", learnerInput(), "a", mine.toString()))
                .getString("data.registerLearner.id");
        assertEquals(mine, fx.query("SELECT registered_by_association_id FROM learner WHERE id = ?::uuid", registered).get(0)
                .get("registered_by_association_id"), "registered for the association that follows the learner");
    }

    @Test
    void staffOfAnUnknownOrDissolvedAssociationCannotRegister() {
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(UUID.randomUUID()), REGISTER,
                Map.of("in", learnerInput()))));
        UUID dissolved = fx.association("MAR");
        fx.execute("UPDATE association SET status = 'DISSOLVED' WHERE id = ?", dissolved);
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(dissolved), REGISTER,
                Map.of("in", learnerInput()))));
    }

    private static JsonPath search(String token, String text) {
        return GraphQL.ok(token, SEARCH, Map.of("f", Map.of("search", text)));
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("data.learners.edges.node.id");
    }

    /** extensions.candidates: a list of ids (also accepted when SmallRye renders it as text). */
    static List<String> candidates(JsonPath r) {
        Object value = r.get("errors[0].extensions.candidates");
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        throw new AssertionError("candidates is not a list: " + value);
    }
}
