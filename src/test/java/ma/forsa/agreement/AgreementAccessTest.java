package ma.forsa.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.support.GraphQL;
import ma.forsa.support.ServiceDate;
import ma.forsa.support.Tokens;

/** Who may read and write which agreements, filters and pagination. */
@QuarkusTest
class AgreementAccessTest {

    private static final String PAGE = "query($first: Int, $after: String, $f: AgreementFilter) { agreements(first: $first, "
            + "after: $after, filter: $f) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id reference "
            + "status centers { id } association { id } } } } }";

    private String msAssociation;
    private String msCenter;
    private String csAssociation;
    private String csCenter;

    @BeforeEach
    void partners() {
        msAssociation = Partners.createAssociation("MAR");
        msCenter = Partners.createCenter(msAssociation, "MAR");
        csAssociation = Partners.createAssociation("CAS");
        csCenter = Partners.createCenter(csAssociation, "CAS");
    }

    private static JsonPath page(String token, Integer first, String after, Map<String, Object> filter) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("first", first);
        vars.put("after", after);
        vars.put("f", filter);
        return GraphQL.post(token, PAGE, vars);
    }

    @Test
    void anAcademyOfficerWritesAndSeesOnlyItsAcademy() {
        String officer = Tokens.academyOfficer("MS");
        JsonPath mine = Partners.createAgreement(officer, Partners.agreementInput("MS", msAssociation, List.of(msCenter)));
        assertNull(mine.get("errors"), mine::prettify);
        String mineId = mine.getString("data.createAgreement.id");

        JsonPath elsewhere = Partners.createAgreement(officer, Partners.agreementInput("CS", csAssociation, List.of(csCenter)));
        assertEquals("FORBIDDEN", GraphQL.errorCode(elsewhere));

        String theirs = (String) Partners.draft("CS", csAssociation, List.of(csCenter)).get("id");
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(officer, "query($id: ID!) { agreement(id: $id) { id } }",
                Map.of("id", theirs))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(Partners.transition(officer, theirs, 0, "SIGNED", null)));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(officer, "mutation($id: ID!) { addTranche(agreementId: $id, "
                + "version: 0, input: {amount: 1, dueOn: \"2025-01-01\"}) { id } }", Map.of("id", theirs))));

        JsonPath all = page(officer, 100, null, Map.of("associationId", csAssociation));
        assertEquals(0, all.getInt("data.agreements.totalCount"));
        assertEquals(0, page(officer, 100, null, Map.of("academyCode", "CS")).getInt("data.agreements.totalCount"));
        JsonPath own = page(officer, 100, null, Map.of("associationId", msAssociation));
        assertEquals(List.of(mineId), own.getList("data.agreements.edges.node.id"));

        assertEquals("SIGNED", Partners.transition(officer, mineId, 0, "SIGNED", null).getString("data.transitionAgreement.status"));
    }

    @Test
    void withoutATokenNothingIsReadOrWritten() {
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(page(null, 5, null, null)));
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(Partners.createAgreement(null,
                Partners.agreementInput("MS", msAssociation, List.of(msCenter)))));
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(null, "{ centers { totalCount } }")));
    }

    @Test
    void anOfficerCannotCoverACentreOfAnotherAcademyOrAssociation() {
        String officer = Tokens.academyOfficer("MS");
        JsonPath foreign = Partners.createAgreement(officer, Partners.agreementInput("MS", msAssociation, List.of(csCenter)));
        assertEquals("VALIDATION", GraphQL.errorCode(foreign));
        assertEquals("centerIds", foreign.getString("errors[0].extensions.field"));

        String otherMs = Partners.createAssociation("MAR");
        String otherCenter = Partners.createCenter(otherMs, "MAR");
        JsonPath notTheirs = Partners.createAgreement(Tokens.admin(),
                Partners.agreementInput("MS", msAssociation, List.of(otherCenter)));
        assertEquals("centerIds", notTheirs.getString("errors[0].extensions.field"));

        JsonPath malformed = Partners.createAgreement(Tokens.admin(), Partners.agreementInput("MS", msAssociation, List.of("x")));
        assertEquals("centerIds", malformed.getString("errors[0].extensions.field"));
        JsonPath twice = Partners.createAgreement(Tokens.admin(),
                Partners.agreementInput("MS", msAssociation, List.of(msCenter, msCenter)));
        assertEquals("centerIds", twice.getString("errors[0].extensions.field"));
    }

    @Test
    void associationStaffReadOnlyTheirOwnAgreementsAndWriteNothing() {
        String mine = (String) Partners.draft("MS", msAssociation, List.of(msCenter)).get("id");
        String theirs = (String) Partners.draft("CS", csAssociation, List.of(csCenter)).get("id");
        String staff = Tokens.associationStaff(msAssociation);

        JsonPath read = GraphQL.ok(staff, "query($id: ID!) { agreement(id: $id) { id centers { id } association { id } } }",
                Map.of("id", mine));
        assertEquals(List.of(msCenter), read.getList("data.agreement.centers.id"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(staff, "query($id: ID!) { agreement(id: $id) { id } }",
                Map.of("id", theirs))));
        JsonPath list = page(staff, 100, null, null);
        assertEquals(List.of(mine), list.getList("data.agreements.edges.node.id"));
        assertEquals(1, list.getInt("data.agreements.totalCount"));

        assertEquals("FORBIDDEN", GraphQL.errorCode(Partners.transition(staff, mine, 0, "SIGNED", null)));
        assertEquals("FORBIDDEN", GraphQL.errorCode(Partners.createAgreement(staff,
                Partners.agreementInput("MS", msAssociation, List.of(msCenter)))));
    }

    @Test
    void theMinistryReadsEverythingAndWritesOnlyFrameworkAgreements() {
        String ministry = Tokens.ministry();
        String management = (String) Partners.draft("CS", csAssociation, List.of(csCenter)).get("id");
        assertEquals(management, GraphQL.ok(ministry, "query($id: ID!) { agreement(id: $id) { id } }", Map.of("id", management))
                .getString("data.agreement.id"));
        assertEquals("FORBIDDEN", GraphQL.errorCode(Partners.transition(ministry, management, 0, "SIGNED", null)));
        assertEquals("FORBIDDEN", GraphQL.errorCode(Partners.createAgreement(ministry,
                Partners.agreementInput("MS", msAssociation, List.of(msCenter)))));

        Map<String, Object> framework = Partners.agreementInput("MS", msAssociation, List.of());
        framework.put("kind", "FRAMEWORK");
        JsonPath created = Partners.createAgreement(ministry, framework);
        assertNull(created.get("errors"), created::prettify);
        String id = created.getString("data.createAgreement.id");
        framework.put("kind", "CENTER_MANAGEMENT");
        JsonPath turned = GraphQL.post(ministry, "mutation($id: ID!, $in: AgreementInput!) { updateAgreement(id: $id, version: 0, "
                + "input: $in) { id } }", Map.of("id", id, "in", framework));
        assertEquals("FORBIDDEN", GraphQL.errorCode(turned), turned::prettify);
        assertEquals("SIGNED", Partners.transition(ministry, id, 0, "SIGNED", null).getString("data.transitionAgreement.status"));
    }

    @Test
    void everyInputFieldIsValidatedByName() {
        record Case(String field, Object value, String expectedField) {
        }
        List<Case> cases = List.of(new Case("reference", " ", "reference"), new Case("academyCode", "ZZ", "academyCode"),
                new Case("associationId", "not-a-uuid", "associationId"),
                new Case("associationId", "00000000-0000-0000-0000-000000000000", "associationId"),
                new Case("endsOn", "2000-01-01", "endsOn"), new Case("budget", -1, "budget"),
                new Case("budget", new java.math.BigDecimal("10.123"), "budget"), new Case("targetBeneficiaries", -1, "targetBeneficiaries"),
                new Case("targetIntegrationRate", 1.5, "targetIntegrationRate"), new Case("reference", "x".repeat(61), "reference"));
        for (Case c : cases) {
            Map<String, Object> input = Partners.agreementInput("MS", msAssociation, List.of(msCenter));
            input.put(c.field(), c.value());
            JsonPath r = Partners.createAgreement(Tokens.admin(), input);
            assertEquals("VALIDATION", GraphQL.errorCode(r), () -> c + ": " + r.prettify());
            assertEquals(c.expectedField(), r.getString("errors[0].extensions.field"), () -> c + ": " + r.prettify());
            assertFalse(r.getString("errors[0].message").isBlank());
        }
        Map<String, Object> input = Partners.agreementInput("MS", msAssociation, List.of(msCenter));
        assertNull(Partners.createAgreement(Tokens.admin(), input).get("errors"));
        JsonPath duplicate = Partners.createAgreement(Tokens.admin(), input);
        assertEquals("reference", duplicate.getString("errors[0].extensions.field"), duplicate::prettify);
    }

    @Test
    void pagesFollowTheReferenceOrderWithOpaqueCursors() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add((String) Partners.draft("MS", msAssociation, List.of(msCenter)).get("id"));
        }
        Map<String, Object> mine = Map.of("associationId", msAssociation);
        List<String> seen = new ArrayList<>();
        List<String> references = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more) {
            JsonPath p = page(Tokens.admin(), 3, after, mine);
            assertEquals(7, p.getInt("data.agreements.totalCount"));
            seen.addAll(p.getList("data.agreements.edges.node.id"));
            references.addAll(p.getList("data.agreements.edges.node.reference"));
            more = p.getBoolean("data.agreements.pageInfo.hasNextPage");
            after = p.getString("data.agreements.pageInfo.endCursor");
            assertEquals(after, p.getString("data.agreements.edges[-1].cursor"));
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(7, seen.size());
        assertTrue(seen.containsAll(ids));
        List<String> sorted = new ArrayList<>(references);
        sorted.sort(null);
        assertEquals(sorted, references);

        JsonPath beyond = page(Tokens.admin(), 3, after, mine);
        assertEquals(List.of(), beyond.getList("data.agreements.edges"));
        assertFalse(beyond.getBoolean("data.agreements.pageInfo.hasNextPage"));
        assertNull(beyond.get("data.agreements.pageInfo.endCursor"));

        JsonPath empty = page(Tokens.admin(), 10, null, Map.of("associationId", Partners.createAssociation("MAR")));
        assertEquals(0, empty.getInt("data.agreements.totalCount"));
        assertEquals(List.of(), empty.getList("data.agreements.edges"));

        JsonPath bad = page(Tokens.admin(), 3, "garbage", mine);
        assertEquals("VALIDATION", GraphQL.errorCode(bad));
        assertEquals("after", bad.getString("errors[0].extensions.field"));
        assertEquals("first", page(Tokens.admin(), -1, null, mine).getString("errors[0].extensions.field"));
        JsonPath tooMany = page(Tokens.admin(), 100000, null, null);
        assertEquals("VALIDATION", GraphQL.errorCode(tooMany), "first is bounded (at most 100): refused, not silently cut");
        assertEquals("first", tooMany.getString("errors[0].extensions.field"));
    }

    @Test
    void filtersCombine() throws Exception {
        String signed = (String) Partners.draft("MS", msAssociation, List.of(msCenter)).get("id");
        Partners.walk(signed, 0, "SIGNED");
        Map<String, Object> soonInput = Partners.agreementInput("MS", msAssociation, List.of(msCenter));
        soonInput.put("endsOn", ServiceDate.today().plusDays(30).toString());
        String soon = Partners.createAgreement(Tokens.admin(), soonInput).getString("data.createAgreement.id");
        String elsewhere = (String) Partners.draft("CS", csAssociation, List.of(csCenter)).get("id");

        Map<String, Object> f = new HashMap<>(Map.of("associationId", msAssociation, "status", List.of("SIGNED")));
        assertEquals(List.of(signed), page(Tokens.admin(), 50, null, f).getList("data.agreements.edges.node.id"));
        f.put("status", List.of("SIGNED", "DRAFT"));
        assertEquals(2, page(Tokens.admin(), 50, null, f).getInt("data.agreements.totalCount"));
        f.remove("status");
        f.put("endsBefore", ServiceDate.today().plusDays(90).toString());
        assertEquals(List.of(soon), page(Tokens.admin(), 50, null, f).getList("data.agreements.edges.node.id"));
        Map<String, Object> cs = Map.of("academyCode", "CS", "associationId", csAssociation);
        assertEquals(List.of(elsewhere), page(Tokens.ministry(), 50, null, cs).getList("data.agreements.edges.node.id"));
        assertEquals("associationId", page(Tokens.admin(), 5, null, Map.of("associationId", "nope"))
                .getString("errors[0].extensions.field"));
    }
}
