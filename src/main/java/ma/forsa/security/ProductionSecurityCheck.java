package ma.forsa.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * The production profile refuses to start without the settings that make tokens verifiable and
 * without the partner portal's origin (CORS).
 */
@Singleton
@IfBuildProfile("prod")
public class ProductionSecurityCheck {

    void check(@Observes StartupEvent event) {
        var config = ConfigProvider.getConfig();
        List<String> missing = new ArrayList<>();
        Optional<String> keyLocation = value(config, "mp.jwt.verify.publickey.location");
        Optional<String> key = value(config, "mp.jwt.verify.publickey");
        if (keyLocation.isEmpty() && key.isEmpty()) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION (a PEM file or a JWKS URL) or MP_JWT_VERIFY_PUBLICKEY");
        }
        if (value(config, "mp.jwt.verify.issuer").isEmpty()) {
            missing.add("MP_JWT_VERIFY_ISSUER");
        }
        if (value(config, "quarkus.http.cors.origins").isEmpty()) {
            missing.add("QUARKUS_HTTP_CORS_ORIGINS (the partner portal's origin, e.g. https://portal.example.ma)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Forsa refuses to start in production without its security settings (token verification, CORS). Set "
                    + String.join(", ", missing) + ".");
        }
        if (key.isEmpty()) {
            keyLocation.flatMap(ProductionSecurityCheck::unusableKeyFile).ifPresent(problem -> {
                throw new IllegalStateException("Forsa refuses to start in production: MP_JWT_VERIFY_PUBLICKEY_LOCATION "
                        + problem + ". Point it at the identity provider's public key (PEM or JWK set) or its JWKS URL.");
            });
        }
    }

    private static Optional<String> value(Config config, String name) {
        return config.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    }

    /**
     * A key file that is missing or holds no key (e.g. the placeholder of k8s/jwt-public-key.yaml)
     * would otherwise only show as every token being refused. URLs and classpath resources are left
     * to smallrye-jwt.
     */
    static Optional<String> unusableKeyFile(String location) {
        if (location.contains("://") && !location.startsWith("file:") || location.startsWith("classpath:")) {
            return Optional.empty();
        }
        Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        if (!Files.isReadable(file)) {
            return Optional.of("names " + file + ", which does not exist or cannot be read");
        }
        try {
            String content = Files.readString(file, StandardCharsets.US_ASCII);
            boolean pem = content.contains("-----BEGIN PUBLIC KEY-----") || content.contains("-----BEGIN CERTIFICATE-----");
            boolean jwk = content.contains("\"kty\"");
            return pem || jwk ? Optional.empty() : Optional.of("names " + file + ", which holds no public key");
        } catch (IOException | RuntimeException e) {
            return Optional.of("names " + file + ", which cannot be read (" + e.getMessage() + ")");
        }
    }
}
