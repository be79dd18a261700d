package ma.forsa.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

@QuarkusTest
class AcademiesTest {

    @Test
    void theTwelveAcademiesComeWithTheirProvinces() {
        JsonPath response = GraphQL.ok(Tokens.ministry(),
                "{ academies { code name nameAr provinces { code name academy { code } } } }");
        List<Map<String, Object>> academies = response.getList("data.academies");
        assertEquals(12, academies.size());
        assertEquals(75, response.getList("data.academies.provinces.flatten()").size());
        Map<String, Object> ms = academies.stream().filter(a -> a.get("code").equals("MS")).findFirst().orElseThrow();
        assertEquals("Marrakech-Safi", ms.get("name"));
        assertEquals("مراكش آسفي", ms.get("nameAr"));
        List<Map<String, Object>> provinces = response.getList("data.academies.find { it.code == 'MS' }.provinces");
        assertEquals(8, provinces.size());
        assertTrue(provinces.stream().allMatch(p -> ((Map<?, ?>) p.get("academy")).get("code").equals("MS")));
    }

    @Test
    void academiesNeedAToken() {
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(null, "{ academies { code } }")));
    }
}
