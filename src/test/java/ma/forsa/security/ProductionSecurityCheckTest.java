package ma.forsa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Production refuses a key file that cannot verify anything (e.g. the placeholder of k8s/jwt-public-key.yaml). */
class ProductionSecurityCheckTest {

    @TempDir
    Path dir;

    @Test
    void aPemPublicKeyOrAJwkSetIsAccepted() throws Exception {
        Path pem = Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n");
        Path jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"x\",\"e\":\"AQAB\"}]}");
        assertEquals(Optional.empty(), ProductionSecurityCheck.unusableKeyFile(pem.toString()));
        assertEquals(Optional.empty(), ProductionSecurityCheck.unusableKeyFile("file:" + pem));
        assertEquals(Optional.empty(), ProductionSecurityCheck.unusableKeyFile(jwks.toString()));
    }

    @Test
    void urlsAreLeftToSmallryeJwt() {
        assertEquals(Optional.empty(), ProductionSecurityCheck.unusableKeyFile("https://auth.example/realms/forsa/protocol/openid-connect/certs"));
        assertEquals(Optional.empty(), ProductionSecurityCheck.unusableKeyFile("classpath:keys/public.pem"));
    }

    @Test
    void aPlaceholderOrAMissingFileIsRefused() throws Exception {
        ConfigMap shipped = new KubernetesSerialization().unmarshal(Files.readString(Path.of("k8s", "jwt-public-key.yaml")), ConfigMap.class);
        Path placeholder = Files.writeString(dir.resolve("public.pem"), shipped.getData().get("public.pem"));
        assertTrue(ProductionSecurityCheck.unusableKeyFile(placeholder.toString()).orElseThrow().contains("holds no public key"));
        assertTrue(ProductionSecurityCheck.unusableKeyFile(dir.resolve("absent.pem").toString()).orElseThrow().contains("does not exist"));
    }
}
