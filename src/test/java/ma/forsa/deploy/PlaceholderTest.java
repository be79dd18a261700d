package ma.forsa.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The placeholder rule of KubernetesManifestsTest catches real values. */
class PlaceholderTest {

    @Test
    void placeholdersPass() {
        assertTrue(KubernetesManifestsTest.isPlaceholder("REPLACE_ME"));
        assertTrue(KubernetesManifestsTest.isPlaceholder("postgresql://REPLACE_ME:REPLACE_ME@REPLACE_ME:5432/REPLACE_ME"));
        assertTrue(KubernetesManifestsTest.isPlaceholder("jdbc:postgresql://REPLACE_ME:5432/REPLACE_ME?user=REPLACE_ME&password=REPLACE_ME"));
    }

    @Test
    void realValuesFail() {
        assertFalse(KubernetesManifestsTest.isPlaceholder("s3cr3t"));
        assertFalse(KubernetesManifestsTest.isPlaceholder("REPLACE_MEs3cr3t"));
        assertFalse(KubernetesManifestsTest.isPlaceholder("postgresql://forsa:hunter2@REPLACE_ME:5432/REPLACE_ME"));
        assertFalse(KubernetesManifestsTest.isPlaceholder("jdbc:postgresql://db.internal:5432/forsa?user=REPLACE_ME&password=REPLACE_ME"));
        // Object-store credentials (backup-credentials-secret-template.yaml).
        assertFalse(KubernetesManifestsTest.isPlaceholder("AKIAIOSFODNN7EXAMPLE"));
        assertFalse(KubernetesManifestsTest.isPlaceholder("REPLACE_ME/wJalrXUtnFEMI/K7MDENG"));
    }
}
