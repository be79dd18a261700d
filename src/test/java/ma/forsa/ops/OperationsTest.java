package ma.forsa.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessReflectsTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("database"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void everyResponseCarriesARequestId() {
        given().when().get("/q/health/live").then().header(RequestIds.HEADER, notNullValue());
        given().header(RequestIds.HEADER, "abc-12345678").when().get("/q/health/live").then()
                .header(RequestIds.HEADER, equalTo("abc-12345678"));
    }

    @Test
    void tooDeepADocumentIsRefused() {
        StringBuilder query = new StringBuilder("{ academies { provinces { academy ");
        for (int i = 0; i < 10; i++) {
            query.append("{ provinces { academy ");
        }
        query.append("{ code }");
        query.append(" } }".repeat(11)).append(" } }");
        var response = GraphQL.post(Tokens.admin(), query.toString());
        assertEquals(1, response.getList("errors").size(), response.prettify());
    }

    @Test
    void openApiDescribesTheRestPart() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }
}
