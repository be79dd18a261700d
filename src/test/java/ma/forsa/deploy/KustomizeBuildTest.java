package ma.forsa.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** What `kubectl apply -k k8s/` would send, rendered by kubectl's kustomize (skipped where kubectl is absent). */
class KustomizeBuildTest {

    @Test
    void kustomizeRendersEveryResourceIntoTheForsaNamespaceWithATaggedImage() {
        assumeTrue(Manifests.kubectlInstalled(), "kubectl is not installed");
        List<HasMetadata> rendered = Manifests.kustomize(Manifests.K8S);

        int templates = Manifests.secretTemplates(Manifests.all()).size();
        assertEquals(Manifests.manifestFiles().size() - templates, rendered.size(), "every manifest but the secret templates");
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
}
