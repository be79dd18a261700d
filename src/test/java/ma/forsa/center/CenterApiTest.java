package ma.forsa.center;

import static ma.forsa.agreement.Partners.CENTER_FIELDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.agreement.Partners;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

@QuarkusTest
class CenterApiTest {

    private static final String CREATE = "mutation($in: CenterInput!) { createCenter(input: $in) { " + CENTER_FIELDS + " } }";
    private static final String UPDATE = "mutation($id: ID!, $v: Int!, $in: CenterInput!) { updateCenter(id: $id, version: $v, "
            + "input: $in) { " + CENTER_FIELDS + " } }";
    private static final String TRANSITION = "mutation($id: ID!, $v: Int!, $to: CenterStatus!, $r: String) { transitionCenter("
            + "id: $id, version: $v, to: $to, reason: $r) { status version } }";
    private static final String PAGE = "query($first: Int, $after: String, $f: CenterFilter) { centers(first: $first, "
            + "after: $after, filter: $f) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id code } } } }";

    private String msAssociation;
    private String csAssociation;

    @BeforeEach
    void partners() {
        msAssociation = Partners.createAssociation("MAR");
        csAssociation = Partners.createAssociation("CAS");
    }

    private static JsonPath page(String token, Integer first, String after, Map<String, Object> filter) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("first", first);
        vars.put("after", after);
        vars.put("f", filter);
        return GraphQL.post(token, PAGE, vars);
    }

    @Test
    void anOfficerCreatesACentreInItsAcademyOnly() throws Exception {
        String officer = Tokens.academyOfficer("MS");
        Map<String, Object> input = Partners.centerInput(msAssociation, "MAR");
        input.put("address", "Derb 1, Marrakech");
        JsonPath created = GraphQL.post(officer, CREATE, Map.of("in", input));
        assertNull(created.get("errors"), created::prettify);
        assertEquals("OPEN", created.getString("data.createCenter.status"));
        assertEquals(0, created.getInt("data.createCenter.occupancy"));
        assertEquals("MS", created.getString("data.createCenter.province.academy.code"));
        assertEquals(msAssociation, created.getString("data.createCenter.association.id"));
        assertEquals("Derb 1, Marrakech", created.getString("data.createCenter.address"));
        String id = created.getString("data.createCenter.id");
        assertEquals(1, Partners.auditEvents("Center", id, "CREATE"));

        JsonPath elsewhere = GraphQL.post(officer, CREATE, Map.of("in", Partners.centerInput(csAssociation, "CAS")));
        assertEquals("FORBIDDEN", GraphQL.errorCode(elsewhere));
        String csCenter = Partners.createCenter(csAssociation, "CAS");
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(officer, "query($id: ID!) { center(id: $id) { id } }",
                Map.of("id", csCenter))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(officer, TRANSITION,
                Map.of("id", csCenter, "v", 0, "to", "SUSPENDED", "r", "x"))));
        assertEquals(0, page(officer, 100, null, Map.of("associationId", csAssociation)).getInt("data.centers.totalCount"));
    }

    @Test
    void theMinistryAndAssociationStaffOnlyRead() {
        String id = Partners.createCenter(msAssociation, "MAR");
        String other = Partners.createCenter(csAssociation, "CAS");
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), CREATE,
                Map.of("in", Partners.centerInput(msAssociation, "MAR")))));
        String staff = Tokens.associationStaff(msAssociation);
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(staff, CREATE,
                Map.of("in", Partners.centerInput(msAssociation, "MAR")))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(staff, TRANSITION,
                Map.of("id", id, "v", 0, "to", "SUSPENDED", "r", "x"))));
        assertEquals(id, GraphQL.ok(staff, "query($id: ID!) { center(id: $id) { id } }", Map.of("id", id))
                .getString("data.center.id"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(staff, "query($id: ID!) { center(id: $id) { id } }",
                Map.of("id", other))));
        assertEquals(List.of(id), page(staff, 100, null, null).getList("data.centers.edges.node.id"));
        assertEquals(other, GraphQL.ok(Tokens.ministry(), "query($id: ID!) { center(id: $id) { id } }", Map.of("id", other))
                .getString("data.center.id"));
    }

    @Test
    void everyInputFieldIsValidatedByName() {
        record Case(String field, Object value) {
        }
        List<Case> cases = List.of(new Case("code", ""), new Case("code", "has space"), new Case("name", " "),
                new Case("associationId", "nope"), new Case("associationId", "00000000-0000-0000-0000-000000000000"),
                new Case("provinceCode", "XXX"), new Case("capacity", 0), new Case("capacity", 100000),
                new Case("commune", "c".repeat(121)));
        for (Case c : cases) {
            Map<String, Object> input = Partners.centerInput(msAssociation, "MAR");
            input.put(c.field(), c.value());
            JsonPath r = GraphQL.post(Tokens.admin(), CREATE, Map.of("in", input));
            assertEquals("VALIDATION", GraphQL.errorCode(r), () -> c + ": " + r.prettify());
            assertEquals(c.field(), r.getString("errors[0].extensions.field"), () -> c + ": " + r.prettify());
        }
        Map<String, Object> input = Partners.centerInput(msAssociation, "MAR");
        assertNull(GraphQL.post(Tokens.admin(), CREATE, Map.of("in", input)).get("errors"));
        JsonPath duplicate = GraphQL.post(Tokens.admin(), CREATE, Map.of("in", input));
        assertEquals("code", duplicate.getString("errors[0].extensions.field"), duplicate::prettify);
    }

    @Test
    void updatesCheckTheVersionAndKeepTheCentreInItsAssociationAndAcademy() throws Exception {
        Map<String, Object> input = Partners.centerInput(msAssociation, "MAR");
        String id = GraphQL.ok(Tokens.admin(), CREATE, Map.of("in", input)).getString("data.createCenter.id");
        input.put("name", "Renamed centre");
        input.put("capacity", 2);
        JsonPath updated = GraphQL.post(Tokens.academyOfficer("MS"), UPDATE, Map.of("id", id, "v", 0, "in", input));
        assertEquals("Renamed centre", updated.getString("data.updateCenter.name"), updated::prettify);
        assertEquals(1, updated.getInt("data.updateCenter.version"));
        assertEquals("CONFLICT", GraphQL.errorCode(GraphQL.post(Tokens.admin(), UPDATE, Map.of("id", id, "v", 0, "in", input))));

        Map<String, Object> moved = new HashMap<>(input);
        moved.put("associationId", csAssociation);
        assertEquals("associationId", GraphQL.post(Tokens.admin(), UPDATE, Map.of("id", id, "v", 1, "in", moved))
                .getString("errors[0].extensions.field"));
        moved = new HashMap<>(input);
        moved.put("provinceCode", "CAS");
        assertEquals("provinceCode", GraphQL.post(Tokens.admin(), UPDATE, Map.of("id", id, "v", 1, "in", moved))
                .getString("errors[0].extensions.field"));

        Partners.enroll(id, null, "ACTIVE");
        Partners.enroll(id, null, "ENROLLED");
        Partners.enroll(id, null, "COMPLETED");
        input.put("capacity", 1);
        JsonPath tooSmall = GraphQL.post(Tokens.admin(), UPDATE, Map.of("id", id, "v", 1, "in", input));
        assertEquals("capacity", tooSmall.getString("errors[0].extensions.field"), tooSmall::prettify);
        assertEquals(2, GraphQL.ok(Tokens.admin(), "query($id: ID!) { center(id: $id) { occupancy } }", Map.of("id", id))
                .getInt("data.center.occupancy"));

        JsonPath closing = GraphQL.post(Tokens.admin(), TRANSITION, Map.of("id", id, "v", 1, "to", "CLOSED", "r", "Lease ended"));
        assertEquals("VALIDATION", GraphQL.errorCode(closing));
        assertTrue(closing.getString("errors[0].message").contains("2 open enrollments"), closing::prettify);
    }

    @Test
    void theCentreLifecycleIsEnforced() throws Exception {
        String id = Partners.createCenter(msAssociation, "MAR");
        Map<String, Object> vars = new HashMap<>(Map.of("id", id, "v", 0, "to", "SUSPENDED"));
        assertEquals("reason", GraphQL.post(Tokens.admin(), TRANSITION, vars).getString("errors[0].extensions.field"));
        vars.put("r", "Works");
        assertEquals("SUSPENDED", GraphQL.ok(Tokens.admin(), TRANSITION, vars).getString("data.transitionCenter.status"));
        assertEquals("CONFLICT", GraphQL.errorCode(GraphQL.post(Tokens.admin(), TRANSITION, vars)));
        vars.putAll(Map.of("v", 1, "to", "OPEN"));
        assertEquals("OPEN", GraphQL.ok(Tokens.admin(), TRANSITION, vars).getString("data.transitionCenter.status"));
        vars.putAll(Map.of("v", 2, "to", "CLOSED"));
        assertEquals("CLOSED", GraphQL.ok(Tokens.admin(), TRANSITION, vars).getString("data.transitionCenter.status"));
        vars.putAll(Map.of("v", 3, "to", "OPEN"));
        JsonPath reopen = GraphQL.post(Tokens.admin(), TRANSITION, vars);
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(reopen));
        assertEquals(3, Partners.auditEvents("Center", id, "TRANSITION"));
    }

    @Test
    void pagesAndFilters() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Partners.createCenter(msAssociation, i < 3 ? "MAR" : "SAF"));
        }
        String suspended = ids.get(4);
        GraphQL.ok(Tokens.admin(), TRANSITION, Map.of("id", suspended, "v", 0, "to", "SUSPENDED", "r", "x"));
        Map<String, Object> mine = Map.of("associationId", msAssociation);
        List<String> seen = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonPath p = page(Tokens.admin(), 2, after, mine);
            assertEquals(5, p.getInt("data.centers.totalCount"));
            seen.addAll(p.getList("data.centers.edges.node.id"));
            codes.addAll(p.getList("data.centers.edges.node.code"));
            more = p.getBoolean("data.centers.pageInfo.hasNextPage");
            after = p.getString("data.centers.pageInfo.endCursor");
        }
        assertEquals(5, seen.size());
        assertTrue(seen.containsAll(ids));
        List<String> sorted = new ArrayList<>(codes);
        sorted.sort(null);
        assertEquals(sorted, codes);
        JsonPath end = page(Tokens.admin(), 2, after, mine);
        assertEquals(List.of(), end.getList("data.centers.edges"));
        assertFalse(end.getBoolean("data.centers.pageInfo.hasNextPage"));
        assertEquals("after", page(Tokens.admin(), 2, "Zm9v", mine).getString("errors[0].extensions.field"));

        assertEquals(3, page(Tokens.admin(), 50, null, Map.of("associationId", msAssociation, "provinceCode", "MAR"))
                .getInt("data.centers.totalCount"));
        assertEquals(5, page(Tokens.admin(), 50, null, Map.of("associationId", msAssociation, "academyCode", "MS"))
                .getInt("data.centers.totalCount"));
        assertEquals(0, page(Tokens.admin(), 50, null, Map.of("associationId", msAssociation, "academyCode", "CS"))
                .getInt("data.centers.totalCount"));
        assertEquals(List.of(suspended), page(Tokens.admin(), 50, null, Map.of("associationId", msAssociation,
                "status", List.of("SUSPENDED"))).getList("data.centers.edges.node.id"));
        assertEquals(4, page(Tokens.admin(), 50, null, Map.of("associationId", msAssociation, "status", List.of("OPEN")))
                .getInt("data.centers.totalCount"));
    }
}
