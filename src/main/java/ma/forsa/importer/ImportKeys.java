package ma.forsa.importer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

/**
 * The keys that recognise a row imported before when its learner has no MASSAR code: HMAC-SHA-256 of the normalised
 * name, birth date, centre code and school year, with a server-side secret ({@code forsa.import.key-secret}, else one
 * generated once in the database), so that the key table cannot be matched by guessing names and birth dates. The
 * retention rule deletes an anonymised learner's keys.
 */
@ApplicationScoped
public class ImportKeys {

    private static final Logger LOG = Logger.getLogger(ImportKeys.class);

    private final Db db;
    private final Optional<String> configured;
    private volatile SecretKeySpec key;

    @Inject
    public ImportKeys(Db db, ImportConfig config) {
        this.db = db;
        this.configured = config.keySecret().filter(s -> !s.isBlank());
    }

    /** The key of a row (hex), as stored in import_learner_key. */
    String of(ImportRow row) {
        String natural = row.learner().nameKey() + "|" + row.learner().birthDate() + "|" + row.centerCode() + "|"
                + row.schoolYear();
        return HexFormat.of().formatHex(macs.get().doFinal(natural.getBytes(StandardCharsets.UTF_8)));
    }

    /** One initialised MAC per worker thread (looking the algorithm up costs more than the hash). */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            String secret = configured.orElseGet(() -> {
                LOG.info("forsa.import.key-secret is not set: import keys use the secret generated in the database");
                return db.one(Sql.of("SELECT value FROM server_secret WHERE name = 'import-key'"), r -> r.string("value"))
                        .await().atMost(Duration.ofSeconds(30));
            });
            k = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            key = k;
        }
        return k;
    }
}
