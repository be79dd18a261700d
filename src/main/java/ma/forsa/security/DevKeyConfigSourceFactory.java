package ma.forsa.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Dev mode only: when no JWT key is configured, a key pair is generated once into
 * {@code ${forsa.data-dir}/jwt} and used both to verify tokens and to sign the dev tokens of
 * {@code /dev/token}. The private key never leaves that folder (which is git-ignored).
 */
public class DevKeyConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev") || isSet(context, "mp.jwt.verify.publickey.location")
                || isSet(context, "mp.jwt.verify.publickey")) {
            return List.of();
        }
        ConfigValue dir = context.getValue("forsa.data-dir");
        Path folder = Path.of(dir == null || dir.getValue() == null ? ".forsa" : dir.getValue()).resolve("jwt").toAbsolutePath();
        Path publicKey = folder.resolve("public.pem");
        Path privateKey = folder.resolve("private.pem");
        ensureKeyPair(publicKey, privateKey);
        return List.of(new MapBackedConfigSource("forsa-dev-jwt-keys", Map.of(
                "mp.jwt.verify.publickey.location", publicKey.toString(),
                "smallrye.jwt.sign.key.location", privateKey.toString()), 110) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(110);
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    static synchronized void ensureKeyPair(Path publicKey, Path privateKey) {
        if (Files.exists(publicKey) && Files.exists(privateKey)) {
            return;
        }
        try {
            Files.createDirectories(publicKey.getParent());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the folder's own permissions apply
            }
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the dev JWT key pair under " + publicKey.getParent(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
