package ma.forsa.association;

import static ma.forsa.agreement.Partners.ASSOCIATION_FIELDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.agreement.Partners;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

@QuarkusTest
class AssociationApiTest {

    private static final String CREATE = "mutation($in: AssociationInput!) { createAssociation(input: $in) { "
            + ASSOCIATION_FIELDS + " } }";
    private static final String UPDATE = "mutation($id: ID!, $v: Int!, $in: AssociationInput!) { updateAssociation(id: $id, "
            + "version: $v, input: $in) { " + ASSOCIATION_FIELDS + " } }";
    private static final String READ = "query($id: ID!) { association(id: $id) { " + ASSOCIATION_FIELDS + " } }";
    private static final String TRANSITION = "mutation($id: ID!, $v: Int!, $to: AssociationStatus!, $r: String) { "
            + "transitionAssociation(id: $id, version: $v, to: $to, reason: $r) { status version } }";

    @Test
    void adminAndOfficersOfTheAcademyCreateAssociations() throws Exception {
        Map<String, Object> input = Partners.associationInput("MAR");
        JsonPath created = GraphQL.post(Tokens.academyOfficer("MS"), CREATE, Map.of("in", input));
        assertNull(created.get("errors"), created::prettify);
        assertEquals("ACTIVE", created.getString("data.createAssociation.status"));
        assertEquals("MAR", created.getString("data.createAssociation.province.code"));
        assertEquals(true, created.getBoolean("data.createAssociation.networkMember"));
        assertEquals(List.of(), created.getList("data.createAssociation.centers"));
        assertEquals(1, Partners.auditEvents("Association", created.getString("data.createAssociation.id"), "CREATE"));

        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), CREATE,
                Map.of("in", Partners.associationInput("CAS")))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), CREATE,
                Map.of("in", Partners.associationInput("CAS")))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(created.getString(
                "data.createAssociation.id")), CREATE, Map.of("in", Partners.associationInput("MAR")))));
        assertNull(GraphQL.post(Tokens.admin(), CREATE, Map.of("in", Partners.associationInput("CAS"))).get("errors"));

        JsonPath duplicate = GraphQL.post(Tokens.admin(), CREATE, Map.of("in", input));
        assertEquals("registrationNumber", duplicate.getString("errors[0].extensions.field"), duplicate::prettify);
    }

    @Test
    void everyInputFieldIsValidatedByName() {
        record Case(String field, Object value) {
        }
        for (Case c : List.of(new Case("registrationNumber", " "), new Case("name", ""), new Case("provinceCode", "NOPE"),
                new Case("email", "not-an-email"), new Case("phone", "call me"), new Case("name", "n".repeat(201)))) {
            Map<String, Object> input = Partners.associationInput("MAR");
            input.put(c.field(), c.value());
            JsonPath r = GraphQL.post(Tokens.admin(), CREATE, Map.of("in", input));
            assertEquals("VALIDATION", GraphQL.errorCode(r), () -> c + ": " + r.prettify());
            assertEquals(c.field(), r.getString("errors[0].extensions.field"), () -> c + ": " + r.prettify());
        }
    }

    @Test
    void scopeDecidesWhoSeesAnAssociationAndItsNestedLists() {
        String association = Partners.createAssociation("CAS");
        String csCenter = Partners.createCenter(association, "CAS");
        String msCenter = Partners.createCenter(association, "MAR");
        String msAgreement = (String) Partners.draft("MS", association, List.of(msCenter)).get("id");
        String csAgreement = (String) Partners.draft("CS", association, List.of(csCenter)).get("id");

        JsonPath admin = GraphQL.ok(Tokens.admin(), READ, Map.of("id", association));
        assertEquals(2, admin.getList("data.association.centers").size());
        assertEquals(2, admin.getList("data.association.agreements").size());

        // Based in CS, but it runs a centre in MS: an MS officer sees it, with only the MS centre and agreement.
        JsonPath officer = GraphQL.ok(Tokens.academyOfficer("MS"), READ, Map.of("id", association));
        assertEquals(List.of(msCenter), officer.getList("data.association.centers.id"));
        assertEquals(List.of(msAgreement), officer.getList("data.association.agreements.id"));
        JsonPath cs = GraphQL.ok(Tokens.academyOfficer("CS"), READ, Map.of("id", association));
        assertEquals(List.of(csAgreement), cs.getList("data.association.agreements.id"));

        String stranger = Partners.createAssociation("CAS");
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), READ, Map.of("id", stranger))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(association), READ,
                Map.of("id", stranger))));
        JsonPath own = GraphQL.ok(Tokens.associationStaff(association), READ, Map.of("id", association));
        assertEquals(2, own.getList("data.association.centers").size());
        assertEquals(stranger, GraphQL.ok(Tokens.ministry(), READ, Map.of("id", stranger)).getString("data.association.id"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.admin(), READ, Map.of("id", "bad-id"))));

        // The MS officer sees it but may not edit an association based in CS.
        Map<String, Object> input = Partners.associationInput("CAS");
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), UPDATE,
                Map.of("id", association, "v", 0, "in", input))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), UPDATE,
                Map.of("id", stranger, "v", 0, "in", input))));
    }

    @Test
    void updatesCheckTheVersionAndTheLifecycle() throws Exception {
        String id = Partners.createAssociation("MAR");
        Map<String, Object> input = Partners.associationInput("MAR");
        input.put("name", "Renamed");
        input.put("email", null);
        JsonPath updated = GraphQL.post(Tokens.academyOfficer("MS"), UPDATE, Map.of("id", id, "v", 0, "in", input));
        assertEquals("Renamed", updated.getString("data.updateAssociation.name"), updated::prettify);
        assertNull(updated.get("data.updateAssociation.email"));
        assertEquals(1, updated.getInt("data.updateAssociation.version"));
        JsonPath stale = GraphQL.post(Tokens.admin(), UPDATE, Map.of("id", id, "v", 0, "in", input));
        assertEquals("CONFLICT", GraphQL.errorCode(stale));
        assertTrue(stale.getString("errors[0].message").contains("now at version 1"));
        Map<String, Object> moved = new HashMap<>(input);
        moved.put("provinceCode", "CAS");
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), UPDATE,
                Map.of("id", id, "v", 1, "in", moved))));
        assertEquals(1, Partners.auditEvents("Association", id, "UPDATE"));

        Map<String, Object> vars = new HashMap<>(Map.of("id", id, "v", 1, "to", "SUSPENDED"));
        assertEquals("reason", GraphQL.post(Tokens.admin(), TRANSITION, vars).getString("errors[0].extensions.field"));
        vars.put("r", "Accounts not filed");
        assertEquals("SUSPENDED", GraphQL.ok(Tokens.admin(), TRANSITION, vars).getString("data.transitionAssociation.status"));
        vars.putAll(Map.of("v", 2, "to", "DISSOLVED"));
        assertEquals("DISSOLVED", GraphQL.ok(Tokens.admin(), TRANSITION, vars).getString("data.transitionAssociation.status"));
        vars.putAll(Map.of("v", 3, "to", "ACTIVE"));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(GraphQL.post(Tokens.admin(), TRANSITION, vars)));

        JsonPath noCentre = GraphQL.post(Tokens.admin(), "mutation($in: CenterInput!) { createCenter(input: $in) { id } }",
                Map.of("in", Partners.centerInput(id, "MAR")));
        assertEquals("associationId", noCentre.getString("errors[0].extensions.field"));
        JsonPath noAgreement = Partners.createAgreement(Tokens.admin(), Partners.agreementInput("MS", id, List.of()));
        assertEquals("associationId", noAgreement.getString("errors[0].extensions.field"));
    }
}
