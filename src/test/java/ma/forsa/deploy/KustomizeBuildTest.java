package ma.forsa.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** What `kubectl apply -k k8s/` would send, rendered by kubectl's kustomize (skipped where kubectl is absent). */
class KustomizeBuildTest {

    @Test
    void kustomizeRendersEveryResourceIntoTheForsaNamespaceWithATaggedImage() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        Process process = new ProcessBuilder("kubectl", "kustomize", Manifests.K8S.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);

        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> rendered = new ArrayList<>();
        for (String document : output.split("(?m)^---$")) {
            if (!document.isBlank()) {
                rendered.add(serialization.unmarshal(document));
            }
        }
        assertEquals(Manifests.manifestFiles().size() - 1, rendered.size(), "every manifest but the secret template");
        for (HasMetadata resource : rendered) {
            if (!(resource instanceof Namespace)) {
                assertEquals("forsa", resource.getMetadata().getNamespace(), resource.getKind() + " " + resource.getMetadata().getName());
            }
            assertEquals("forsa", resource.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
        }
        String image = rendered.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        assertTrue(image.matches("[a-z0-9.-]+/[a-z0-9/-]+:[A-Za-z0-9._-]+"), "a registry image with a tag: " + image);
    }

    private static boolean onPath(String command) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
