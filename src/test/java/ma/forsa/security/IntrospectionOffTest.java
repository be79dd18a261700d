package ma.forsa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/**
 * The production setting of application.properties ({@code %prod.forsa.graphql.introspection=false}) refuses
 * introspection with one error that says where the schema is, and answers everything else.
 */
@QuarkusTest
@TestProfile(IntrospectionOffTest.ProductionGraphQL.class)
class IntrospectionOffTest {

    public static class ProductionGraphQL implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("forsa.graphql.introspection", "false");
        }
    }

    @Test
    void introspectionIsRefusedButQueriesWork() {
        for (String document : List.of("{ __schema { queryType { name } } }", "{ __type(name: \"Learner\") { name } }",
                "{ me { roles } a: __schema { types { name } } }")) {
            JsonPath introspection = GraphQL.post(Tokens.admin(), document);
            assertNull(introspection.get("data"), document);
            assertEquals(List.of("GRAPHQL_VALIDATION_FAILED"), introspection.getList("errors.extensions.code"), document);
            assertTrue(introspection.getString("errors[0].message").contains("schema.graphql"), document);
        }
        assertEquals("ADMIN", GraphQL.ok(Tokens.admin(), "{ me { roles } }").getString("data.me.roles[0]"));
        assertEquals("Query", GraphQL.ok(Tokens.admin(), "{ __typename }").getString("data.__typename"));
    }
}
