package ma.forsa.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** CORS answers the portal's origin (quarkus.http.cors.origins) and nobody else. */
@QuarkusTest
class CorsTest {

    private static Response preflight(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").options("/graphql");
    }

    @Test
    void thePortalOriginIsAllowed() {
        assertEquals("http://localhost:3000", preflight("http://localhost:3000").header("Access-Control-Allow-Origin"));
    }

    @Test
    void anotherOriginGetsNoCorsAllowHeader() {
        assertNull(preflight("https://evil.example").header("Access-Control-Allow-Origin"));
        Response post = given().header("Origin", "https://evil.example").contentType("application/json")
                .body("{\"query\":\"{ __typename }\"}").post("/graphql");
        assertNull(post.header("Access-Control-Allow-Origin"));
    }
}
