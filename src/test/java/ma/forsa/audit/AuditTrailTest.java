package ma.forsa.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.support.DirectSql;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

@QuarkusTest
class AuditTrailTest {

    private static final String TRAIL = """
            query($entity: String!, $id: ID!, $first: Int, $after: String) {
              auditTrail(entity: $entity, id: $id, first: $first, after: $after) {
                edges { cursor node { at subject role action entity entityId requestId changes { field old new personal } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    private static String threeEvents() {
        return threeEvents("Learner");
    }

    private static String threeEvents(String entity) {
        String id = UUID.randomUUID().toString();
        insert(entity, "alice", "CREATE", id, "{\"firstName\": \"changed\", \"status\": {\"old\": null, \"new\": \"ENROLLED\"}}");
        insert(entity, "bob", "UPDATE", id, "{\"status\": {\"old\": \"ENROLLED\", \"new\": \"ACTIVE\"}}");
        insert(entity, "carol", "READ_PERSONAL", id, null);
        return id;
    }

    private static void insert(String entity, String subject, String action, String id, String changes) {
        DirectSql.update("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes, request_id)"
                + " VALUES (?, 'ADMIN', ?, ?, ?, ?::jsonb, 'req-trail-test')", subject, action, entity, id, changes);
    }

    @Test
    void theDatabaseRefusesToUpdateDeleteOrTruncateAuditRows() {
        String id = threeEvents();
        long before = ((Number) DirectSql.value("SELECT count(*) FROM audit_event WHERE entity_id = ?", id)).longValue();
        IllegalStateException update = assertThrows(IllegalStateException.class,
                () -> DirectSql.update("UPDATE audit_event SET subject = 'mallory' WHERE entity_id = ?", id));
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        IllegalStateException delete = assertThrows(IllegalStateException.class,
                () -> DirectSql.update("DELETE FROM audit_event WHERE entity_id = ?", id));
        assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        IllegalStateException truncate = assertThrows(IllegalStateException.class,
                () -> DirectSql.update("TRUNCATE audit_event"));
        assertTrue(truncate.getMessage().contains("append-only"), truncate.getMessage());
        assertEquals(before, ((Number) DirectSql.value("SELECT count(*) FROM audit_event WHERE entity_id = ?", id)).longValue());
        assertEquals(List.of("alice", "bob", "carol"),
                DirectSql.query("SELECT subject FROM audit_event WHERE entity_id = ? ORDER BY id", id).stream()
                        .map(r -> r.get("subject")).toList());
    }

    @Test
    void adminReadsTheTrailOfOneRecordPageByPage() {
        String id = threeEvents();
        threeEvents(); // another record's trail must not show
        JsonPath first = GraphQL.ok(Tokens.admin(), TRAIL, Map.of("entity", "Learner", "id", id, "first", 2));
        assertEquals(List.of("alice", "bob"), first.getList("data.auditTrail.edges.node.subject"));
        assertEquals(List.of("CREATE", "UPDATE"), first.getList("data.auditTrail.edges.node.action"));
        assertTrue(first.getBoolean("data.auditTrail.pageInfo.hasNextPage"));
        assertEquals("req-trail-test", first.getString("data.auditTrail.edges[0].node.requestId"));
        assertEquals(id, first.getString("data.auditTrail.edges[0].node.entityId"));
        // personal field: its name only; ordinary field: old -> new
        List<Map<String, Object>> created = first.getList("data.auditTrail.edges[0].node.changes");
        assertEquals(2, created.size());
        assertTrue(created.stream().map(AuditTrailTest::withoutNulls)
                .anyMatch(Map.of("field", "firstName", "personal", true)::equals), created.toString());
        assertTrue(created.stream().map(AuditTrailTest::withoutNulls)
                .anyMatch(Map.of("field", "status", "new", "ENROLLED", "personal", false)::equals), created.toString());
        assertEquals(Map.of("field", "status", "old", "ENROLLED", "new", "ACTIVE", "personal", false),
                withoutNulls(first.getMap("data.auditTrail.edges[1].node.changes[0]")));
        assertNull(first.get("extensions"));

        JsonPath second = GraphQL.ok(Tokens.admin(), TRAIL, Map.of("entity", "Learner", "id", id, "first", 2,
                "after", first.getString("data.auditTrail.pageInfo.endCursor")));
        assertEquals(List.of("carol"), second.getList("data.auditTrail.edges.node.subject"));
        assertFalse(second.getBoolean("data.auditTrail.pageInfo.hasNextPage"));
        assertEquals(List.of(), second.getList("data.auditTrail.edges[0].node.changes"));
    }

    @Test
    void ministryReadsTheTrailOfPartnerRecordsWithSubjectsWithheldAndToldSo() {
        String id = threeEvents("Agreement");
        JsonPath response = GraphQL.ok(Tokens.ministry(), TRAIL, Map.of("entity", "Agreement", "id", id));
        assertEquals(3, response.getList("data.auditTrail.edges").size());
        assertEquals(List.of(), response.getList("data.auditTrail.edges.node.subject").stream().filter(s -> s != null).toList());
        assertEquals(List.of("AuditEvent.subject"), response.getList("extensions.withheld.fields"));
        assertEquals("withheld for role MINISTRY", response.getString("extensions.withheld.personalData"));
    }

    @Test
    void theMinistryNeverReadsTheTrailOfLearnersEnrollmentsOrOutcomes() {
        for (String entity : List.of("Learner", "Enrollment", "Outcome", "Import")) {
            String id = threeEvents(entity);
            assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), TRAIL, Map.of("entity", entity, "id", id))),
                    entity);
            assertEquals(3, GraphQL.ok(Tokens.admin(), TRAIL, Map.of("entity", entity, "id", id))
                    .getList("data.auditTrail.edges").size());
        }
    }

    @Test
    void scopedRolesMayNotReadTheTrail() {
        String id = threeEvents();
        Map<String, Object> vars = Map.of("entity", "Learner", "id", id);
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), TRAIL, vars)));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(UUID.randomUUID()), TRAIL, vars)));
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(null, TRAIL, vars)));
    }

    @Test
    void aBadCursorOrEntityIsAValidationError() {
        JsonPath cursor = GraphQL.post(Tokens.admin(), TRAIL, Map.of("entity", "Learner", "id", "x", "after", "nonsense"));
        assertEquals("VALIDATION", GraphQL.errorCode(cursor));
        assertEquals("after", cursor.getString("errors[0].extensions.field"));
        JsonPath entity = GraphQL.post(Tokens.admin(), TRAIL, Map.of("entity", " ", "id", "x"));
        assertEquals("entity", entity.getString("errors[0].extensions.field"));
    }

    @Test
    void noMutationCanChangeTheTrail() {
        JsonPath schema = GraphQL.ok(null, "{ __schema { mutationType { fields { name } } } }");
        List<String> mutations = schema.getList("__schema.mutationType.fields.name") == null ? List.of()
                : schema.getList("data.__schema.mutationType.fields.name");
        assertTrue(mutations.stream().noneMatch(name -> name.toLowerCase().contains("audit")), mutations.toString());
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.values().removeIf(v -> v == null);
        return copy;
    }
}
