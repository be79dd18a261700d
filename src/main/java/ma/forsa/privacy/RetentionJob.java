package ma.forsa.privacy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.security.AccessScope;

/**
 * The retention rule: a learner with no open enrollment whose last activity (registration, last
 * edit, any enrollment start or exit, any outcome follow-up) is older than {@code forsa.retention.years}
 * is anonymised in place. Names, MASSAR code, CIN, guardian, phone and dropout reason are erased and
 * {@code anonymised_at} is set; birth date, sex, province, disability and every enrollment and outcome
 * stay, so that statistics are unchanged. Each learner gets an ANONYMISE audit event in the same
 * transaction. A bulk SQL job by design: it touches thousands of rows with one statement per batch.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    /** The personal columns erased, as listed in the audit event (names only). */
    static final List<String> ERASED = List.of("massarCode", "cin", "firstName", "lastName", "firstNameAr", "lastNameAr",
            "guardianName", "guardianPhone", "dropoutReason");

    /** $1 = the cutoff date. */
    static final String DUE = "l.anonymised_at IS NULL"
            + " AND l.created_at < $1::date AND l.updated_at < $1::date"
            + " AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.learner_id = l.id AND (e.status IN ('ENROLLED', 'ACTIVE')"
            + "      OR e.enrolled_on >= $1::date OR e.exited_on >= $1::date))"
            + " AND NOT EXISTS (SELECT 1 FROM enrollment e JOIN outcome o ON o.enrollment_id = e.id"
            + "      WHERE e.learner_id = l.id AND o.observed_on >= $1::date)";

    private final Pool pool;
    private final RetentionConfig config;

    @Inject
    public RetentionJob(Pool pool, RetentionConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public LocalDate cutoff() {
        return LocalDate.now().minusYears(config.years());
    }

    public Uni<RetentionReport> run(AccessScope scope, boolean dryRun) {
        LocalDate cutoff = cutoff();
        return dryRun ? dryRun(cutoff) : anonymise(scope, cutoff);
    }

    private Uni<RetentionReport> dryRun(LocalDate cutoff) {
        int limit = config.dryRunListLimit();
        return pool.preparedQuery("SELECT l.id, count(*) OVER () AS total FROM learner l WHERE " + DUE + " ORDER BY l.id LIMIT $2")
                .execute(Tuple.of(cutoff, limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    long total = 0;
                    for (Row row : rows) {
                        ids.add(row.getUUID("id"));
                        total = row.getLong("total");
                    }
                    return new RetentionReport(true, config.years(), cutoff, (int) total, ids, total > ids.size());
                });
    }

    private Uni<RetentionReport> anonymise(AccessScope scope, LocalDate cutoff) {
        List<UUID> done = new ArrayList<>();
        return batch(scope, cutoff)
                .invoke(done::addAll)
                .repeat().until(List::isEmpty)
                .collect().last()
                .map(ignored -> {
                    if (!done.isEmpty()) {
                        LOG.infof("Retention: anonymised %d learners inactive since before %s", done.size(), cutoff);
                    }
                    int limit = config.dryRunListLimit();
                    return new RetentionReport(false, config.years(), cutoff, done.size(),
                            List.copyOf(done.subList(0, Math.min(limit, done.size()))), done.size() > limit);
                });
    }

    /** One transaction: anonymise up to batch-size due learners and audit each; the ids anonymised. */
    private Uni<List<UUID>> batch(AccessScope scope, LocalDate cutoff) {
        return pool.withTransaction(connection -> anonymiseBatch(connection, cutoff)
                .call(ids -> ids.isEmpty() ? Uni.createFrom().voidItem() : eraseExitReasons(connection, ids))
                .call(ids -> ids.isEmpty() ? Uni.createFrom().voidItem() : audit(connection, scope, ids)));
    }

    /** Exit reasons are free text written about the learner: they go too. Statuses and dates stay. */
    private Uni<Void> eraseExitReasons(SqlConnection connection, List<UUID> ids) {
        return connection.preparedQuery("UPDATE enrollment SET exit_reason = NULL, updated_at = now(), version = version + 1"
                + " WHERE learner_id = ANY($1) AND exit_reason IS NOT NULL")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    private Uni<List<UUID>> anonymiseBatch(SqlConnection connection, LocalDate cutoff) {
        return connection.preparedQuery("UPDATE learner SET massar_code = NULL, cin = NULL, first_name = NULL, last_name = NULL,"
                + " first_name_ar = NULL, last_name_ar = NULL, name_key = NULL, guardian_name = NULL, guardian_phone = NULL,"
                + " dropout_reason = NULL, anonymised_at = now(), updated_at = now(), version = version + 1"
                + " WHERE id IN (SELECT l.id FROM learner l WHERE " + DUE + " ORDER BY l.id LIMIT $2 FOR UPDATE SKIP LOCKED)"
                + " RETURNING id")
                .execute(Tuple.of(cutoff, config.batchSize()))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    private Uni<Void> audit(SqlConnection connection, AccessScope scope, List<UUID> ids) {
        JsonObject changes = new JsonObject();
        ERASED.forEach(field -> changes.put(field, "changed"));
        changes.put("retentionYears", String.valueOf(config.years()));
        return connection.preparedQuery("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes, request_id)"
                + " SELECT $1, $2, 'ANONYMISE', 'Learner', id::varchar, $3, $4 FROM unnest($5::uuid[]) AS id")
                .execute(Tuple.of(scope.subject(), scope.role().name(), changes, scope.requestId(), ids.toArray(UUID[]::new)))
                .replaceWithVoid();
    }
}
