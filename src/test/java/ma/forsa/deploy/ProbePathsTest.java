package ma.forsa.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;

/** The paths the Deployment's probes call answer UP on the running application. */
@QuarkusTest
class ProbePathsTest {

    @Test
    void everyProbePathAnswersUp() {
        Container container = Manifests.one(Manifests.all(), Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> paths = List.of(container.getStartupProbe().getHttpGet().getPath(),
                container.getLivenessProbe().getHttpGet().getPath(), container.getReadinessProbe().getHttpGet().getPath());
        assertEquals(3, paths.stream().distinct().count());
        for (String path : paths) {
            given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
        }
    }
}
