package ma.forsa.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/** The production profile refuses to start without the settings that make tokens verifiable. */
@Singleton
@IfBuildProfile("prod")
public class ProductionSecurityCheck {

    void check(@Observes StartupEvent event) {
        var config = ConfigProvider.getConfig();
        List<String> missing = new ArrayList<>();
        Optional<String> keyLocation = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        Optional<String> key = config.getOptionalValue("mp.jwt.verify.publickey", String.class);
        if (keyLocation.filter(v -> !v.isBlank()).isEmpty() && key.filter(v -> !v.isBlank()).isEmpty()) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION (a PEM file or a JWKS URL) or MP_JWT_VERIFY_PUBLICKEY");
        }
        if (config.getOptionalValue("mp.jwt.verify.issuer", String.class).filter(v -> !v.isBlank()).isEmpty()) {
            missing.add("MP_JWT_VERIFY_ISSUER");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Forsa refuses to start in production without token verification settings. Set "
                    + String.join(", ", missing) + ".");
        }
    }
}
