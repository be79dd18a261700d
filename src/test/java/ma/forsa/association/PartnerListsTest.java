package ma.forsa.association;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.DirectSql;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/** The lists a portal needs: associations, search and order on agreements and centres, counts and cursors everywhere. */
@QuarkusTest
class PartnerListsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void associationsAreListedWithinScopeFilteredSearchedAndPaged() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        String word = "Zq" + RegistryFixtures.letters(8);
        UUID one = fx.association("MAR");
        UUID two = fx.association("MAR");
        UUID elsewhere = fx.association("CAS");
        DirectSql.update("UPDATE association SET name = ? WHERE id = ?", "Alpha " + word, one);
        DirectSql.update("UPDATE association SET name = ? WHERE id = ?", "Beta " + word.toUpperCase(), two);
        DirectSql.update("UPDATE association SET name = ? WHERE id = ?", "Gamma " + word, elsewhere);
        String q = "query($f: AssociationFilter, $a: String, $o: AssociationOrder) { associations(first: 2, after: $a, filter: $f, "
                + "orderBy: $o) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } totalCount } }";
        JsonPath all = GraphQL.ok(Tokens.admin(), q, Map.of("f", Map.of("search", word.toLowerCase())));
        assertEquals(3, all.getInt("data.associations.totalCount"));
        assertEquals(List.of(one.toString(), two.toString()), all.getList("data.associations.edges.node.id"));
        String cursor = all.getString("data.associations.pageInfo.endCursor");
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        assertFalse(decoded.contains("Beta"), "cursors reveal nothing but an id: " + decoded);
        JsonPath next = GraphQL.ok(Tokens.admin(), q, Map.of("f", Map.of("search", word), "a", cursor));
        assertEquals(List.of(elsewhere.toString()), next.getList("data.associations.edges.node.id"));
        assertFalse(next.getBoolean("data.associations.pageInfo.hasNextPage"));
        // the academy officer of Marrakech-Safi sees the two of its academy only
        JsonPath officer = GraphQL.ok(Tokens.academyOfficer("MS"), q, Map.of("f", Map.of("search", word)));
        assertEquals(2, officer.getInt("data.associations.totalCount"));
        // association staff see their own
        JsonPath staff = GraphQL.ok(Tokens.associationStaff(two), q, Map.of("f", Map.of("search", word)));
        assertEquals(List.of(two.toString()), staff.getList("data.associations.edges.node.id"));
        // filters by province and status, and the other order
        JsonPath casa = GraphQL.ok(Tokens.admin(), q, Map.of("f", Map.of("search", word, "provinceCode", "CAS", "status", List.of("ACTIVE")),
                "o", "REGISTRATION_NUMBER"));
        assertEquals(List.of(elsewhere.toString()), casa.getList("data.associations.edges.node.id"));
    }

    @Test
    void centresAndAgreementsAreSearchedAndSortedAndNestedListsPaged() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        UUID small = fx.center(association, "MAR", 10);
        UUID big = fx.center(association, "MAR", 90);
        String centers = "query($a: ID) { centers(first: 10, filter: {associationId: $a}, orderBy: CAPACITY, descending: true) "
                + "{ edges { node { id capacity } } totalCount } }";
        JsonPath sorted = GraphQL.ok(Tokens.admin(), centers, Map.of("a", association.toString()));
        assertEquals(List.of(big.toString(), small.toString()), sorted.getList("data.centers.edges.node.id"));
        String code = (String) DirectSql.value("SELECT code FROM center WHERE id = ?", small);
        JsonPath found = GraphQL.ok(Tokens.admin(), "query($s: String) { centers(filter: {search: $s}) { edges { node { id } } } }",
                Map.of("s", code.toLowerCase()));
        assertEquals(List.of(small.toString()), found.getList("data.centers.edges.node.id"));
        String reference = (String) DirectSql.value("SELECT reference FROM agreement WHERE association_id = ? ORDER BY reference LIMIT 1",
                association);
        JsonPath agreements = GraphQL.ok(Tokens.admin(), "query($s: String) { agreements(filter: {search: $s}, orderBy: ENDS_ON) "
                + "{ edges { node { reference } } totalCount } }", Map.of("s", reference));
        assertEquals(List.of(reference), agreements.getList("data.agreements.edges.node.reference"));
        JsonPath nested = GraphQL.ok(Tokens.admin(), "query($id: ID!) { association(id: $id) { centersConnection(first: 1) "
                + "{ edges { node { id } } pageInfo { hasNextPage } totalCount } agreementsConnection { totalCount } } }",
                Map.of("id", association.toString()));
        assertEquals(2, nested.getInt("data.association.centersConnection.totalCount"));
        assertTrue(nested.getBoolean("data.association.centersConnection.pageInfo.hasNextPage"));
        assertEquals(2, nested.getInt("data.association.agreementsConnection.totalCount"));
    }

    @Test
    void theAuditTrailCountsItsEvents() {
        String id = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            DirectSql.update("INSERT INTO audit_event (subject, role, action, entity, entity_id) VALUES ('t', 'ADMIN', 'UPDATE', "
                    + "'Agreement', ?)", id);
        }
        JsonPath trail = GraphQL.ok(Tokens.admin(), "query($id: ID!) { auditTrail(entity: \"Agreement\", id: $id, first: 2) "
                + "{ edges { node { action } } pageInfo { hasNextPage } totalCount } }", Map.of("id", id));
        assertEquals(3, trail.getInt("data.auditTrail.totalCount"));
        assertEquals(2, trail.getList("data.auditTrail.edges").size());
    }
}
