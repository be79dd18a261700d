package ma.forsa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/** The production setting of application.properties (%prod ... field-visibility=no-introspection) refuses introspection. */
@QuarkusTest
@TestProfile(IntrospectionOffTest.ProductionGraphQL.class)
class IntrospectionOffTest {

    public static class ProductionGraphQL implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.smallrye-graphql.field-visibility", "no-introspection");
        }
    }

    @Test
    void introspectionIsRefusedButQueriesWork() {
        JsonPath introspection = GraphQL.post(Tokens.admin(), "{ __schema { queryType { name } } }");
        assertNull(introspection.get("data.__schema"));
        assertNotNull(introspection.get("errors"));
        assertEquals("ADMIN", GraphQL.ok(Tokens.admin(), "{ me { roles } }").getString("data.me.roles[0]"));
    }
}
