package ma.forsa.common.graphql;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import ma.forsa.common.SafeLog;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

/**
 * The table of Idempotency-Keys ({@code idempotency_key}): a key is claimed by the first request of a subject, which
 * then records its response; a later request with the same key within the lifetime ({@code forsa.graphql.idempotency.ttl},
 * 24 h) gets that response again, from any replica. Expired keys are deleted every
 * {@code forsa.graphql.idempotency.purge-every} by each replica (harmless when several do it).
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    /** What a claim found: run the request (claimed), replay a response, or refuse (reused, in use). */
    public sealed interface Claim {
    }

    public record Claimed() implements Claim {
    }

    public record Replay(String response) implements Claim {
    }

    public record Reused() implements Claim {
    }

    public record InUse() implements Claim {
    }

    private final Db db;
    private final Clock clock;
    private final Vertx vertx;
    private final Duration ttl;
    private final Duration purgeEvery;

    @Inject
    public IdempotencyKeys(Db db, Clock clock, Vertx vertx, GraphQLConfig config) {
        this.db = db;
        this.clock = clock;
        this.vertx = vertx;
        this.ttl = config.idempotency().ttl();
        this.purgeEvery = config.idempotency().purgeEvery();
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(purgeEvery.toMillis(), id -> purge().subscribe().with(n -> {
            if (n > 0) {
                LOG.debugf("Deleted %d expired idempotency keys", n);
            }
        }, failure -> LOG.warnf("Could not delete expired idempotency keys: %s", SafeLog.describe(failure))));
    }

    public Duration ttl() {
        return ttl;
    }

    /** Claims {@code key} for {@code subject} and {@code fingerprint} (the SHA-256 of document and variables). */
    public Uni<Claim> claim(String subject, String key, String fingerprint) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Sql insert = Sql.of("INSERT INTO idempotency_key (subject, key, fingerprint, created_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (subject, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, created_at = EXCLUDED.created_at, "
                + "response = NULL WHERE idempotency_key.created_at < ? RETURNING subject", subject, key, fingerprint, now,
                now.minus(ttl));
        return db.execute(insert).chain(rows -> {
            if (rows.rowCount() > 0) {
                return Uni.createFrom().<Claim> item(new Claimed());
            }
            return db.execute(Sql.of("SELECT fingerprint, response FROM idempotency_key WHERE subject = ? AND key = ?", subject, key))
                    .map(found -> {
                        if (!found.iterator().hasNext()) {
                            return new InUse();
                        }
                        Row row = found.iterator().next();
                        if (!fingerprint.equals(row.getString("fingerprint").trim())) {
                            return new Reused();
                        }
                        String response = row.getString("response");
                        return response == null ? new InUse() : new Replay(response);
                    });
        });
    }

    /** Records the response of a claimed key. */
    public Uni<Void> complete(String subject, String key, String response) {
        return db.execute(Sql.of("UPDATE idempotency_key SET response = ? WHERE subject = ? AND key = ?", response, subject, key))
                .replaceWithVoid();
    }

    /** Gives a claimed key up (the request failed for a reason a retry may not meet: it runs again then). */
    public Uni<Void> release(String subject, String key) {
        return db.execute(Sql.of("DELETE FROM idempotency_key WHERE subject = ? AND key = ? AND response IS NULL", subject, key))
                .replaceWithVoid();
    }

    Uni<Integer> purge() {
        return db.execute(Sql.of("DELETE FROM idempotency_key WHERE created_at < ?", OffsetDateTime.now(clock).minus(ttl)))
                .map(rows -> rows.rowCount());
    }
}
