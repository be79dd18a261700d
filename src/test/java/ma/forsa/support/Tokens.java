package ma.forsa.support;

import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Real signed tokens for tests, made with the run's private key (see {@link TestDatabase}). */
public final class Tokens {

    public static final String ISSUER = "https://forsa.local/test";
    /** The audience the test profile requires (mp.jwt.verify.audiences): every token must carry it. */
    public static final String AUDIENCE = "forsa-api";
    private static PrivateKey key;

    private Tokens() {
    }

    public static String admin() {
        return builder("ADMIN").sign(key());
    }

    public static String ministry() {
        return builder("MINISTRY").sign(key());
    }

    public static String academyOfficer(String academyCode) {
        return builder("ACADEMY_OFFICER").claim("academy", academyCode).sign(key());
    }

    public static String associationStaff(Object associationId) {
        return builder("ASSOCIATION_STAFF").claim("association", associationId.toString()).sign(key());
    }

    /** A claims builder with subject, issuer, audience, role and a 10-minute expiry, to adjust before signing. */
    public static JwtClaimsBuilder builder(String role) {
        return Jwt.issuer(ISSUER).subject("test-" + role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8))
                .groups(role).audience(AUDIENCE).issuedAt(Instant.now()).expiresIn(Duration.ofMinutes(10));
    }

    public static synchronized PrivateKey key() {
        if (key == null) {
            try {
                String pem = Files.readString(TestDatabase.TestKeys.privateKeyFile())
                        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            } catch (Exception e) {
                throw new IllegalStateException("The test key pair is missing: is TestDatabase active?", e);
            }
        }
        return key;
    }

    public static PrivateKey foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
