package ma.forsa.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Sends GraphQL documents over HTTP, as a client would. */
public final class GraphQL {

    private GraphQL() {
    }

    public static JsonPath post(String token, String query) {
        return post(token, query, Map.of());
    }

    public static JsonPath post(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        RequestSpecification request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    /** Posts and fails unless the response has no errors. */
    public static JsonPath ok(String token, String query, Map<String, Object> variables) {
        JsonPath response = post(token, query, variables);
        List<Object> errors = response.getList("errors");
        if (errors != null && !errors.isEmpty()) {
            throw new AssertionError("Unexpected GraphQL errors: " + response.prettify());
        }
        return response;
    }

    public static JsonPath ok(String token, String query) {
        return ok(token, query, Map.of());
    }

    /** The extensions.code of the first error, or null. */
    public static String errorCode(JsonPath response) {
        return response.getString("errors[0].extensions.code");
    }
}
