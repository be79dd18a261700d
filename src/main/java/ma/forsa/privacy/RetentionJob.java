package ma.forsa.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import ma.forsa.common.Clocks;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.security.AccessScope;
import ma.forsa.security.PersonalData;

/**
 * The retention rule: a learner with no open enrollment whose last activity (registration, last edit, any enrollment
 * start or exit, any outcome follow-up) is older than {@code forsa.retention.years} is anonymised in place, and so,
 * early, is a learner with no open enrollment whose consents were all withdrawn. Everything
 * that identifies goes: names, MASSAR code, CIN, guardian, phone, the dropout reason, the normalised name and search
 * keys, the learner's import keys, the exit reasons of its enrollments, the reasons of access grants to it and of its
 * referrals, and the free text of those in the audit
 * trail's recorded changes; {@code anonymised_at} is set. Birth date, sex, province, disability and every enrollment
 * and outcome stay, so that statistics are unchanged; an anonymised learner refuses every write (ANONYMISED). Each
 * learner gets an ANONYMISE audit event in the same transaction. A set-based job: one connection, one transaction
 * per batch.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    /** The personal columns erased, as listed in the audit event (names only). */
    static final List<String> ERASED = List.of("massarCode", "cin", "firstName", "lastName", "firstNameAr", "lastNameAr",
            "guardianName", "guardianPhone", "dropoutReason");

    /**
     * The learners due, on {@code FROM learner l}, given the cutoff date: inactive since before the cutoff, or (early)
     * every consent withdrawn ({@link PersonalData#consentEntirelyWithdrawn}) and no open enrollment.
     */
    static Sql.Fragment due(LocalDate cutoff) {
        return Sql.Fragment.of("l.anonymised_at IS NULL AND ((l.created_at < ?::date AND l.updated_at < ?::date"
                + " AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.learner_id = l.id AND (e.status IN ('ENROLLED', 'ACTIVE')"
                + "      OR e.enrolled_on >= ?::date OR e.exited_on >= ?::date))"
                + " AND NOT EXISTS (SELECT 1 FROM enrollment e JOIN outcome o ON o.enrollment_id = e.id"
                + "      WHERE e.learner_id = l.id AND o.observed_on >= ?::date))"
                + " OR (" + PersonalData.consentEntirelyWithdrawn("l") + " AND NOT EXISTS (SELECT 1 FROM enrollment e"
                + "      WHERE e.learner_id = l.id AND e.status IN ('ENROLLED', 'ACTIVE'))))", cutoff, cutoff, cutoff, cutoff, cutoff);
    }

    private final Db db;
    private final RetentionConfig config;
    private final Clock clock;

    @Inject
    public RetentionJob(Db db, RetentionConfig config, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    public LocalDate cutoff() {
        return Clocks.today(clock).minusYears(config.years());
    }

    public Uni<RetentionReport> run(AccessScope scope, boolean dryRun) {
        LocalDate cutoff = cutoff();
        return dryRun ? dryRun(cutoff) : anonymise(scope, cutoff);
    }

    private Uni<RetentionReport> dryRun(LocalDate cutoff) {
        int limit = config.dryRunListLimit();
        return db.list(Sql.select("SELECT l.id, count(*) OVER () AS total FROM learner l").where(due(cutoff))
                .then(" ORDER BY l.id LIMIT ?", limit), r -> new Object[] { r.uuid("id"), r.longValue("total") })
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    long total = 0;
                    for (Object[] row : rows) {
                        ids.add((UUID) row[0]);
                        total = (Long) row[1];
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

    /** One transaction: anonymise up to batch-size due learners, erase what identifies them, audit each; their ids. */
    private Uni<List<UUID>> batch(AccessScope scope, LocalDate cutoff) {
        return db.transaction(tx -> tx.list(Sql.select("UPDATE learner SET massar_code = NULL, cin = NULL, first_name = NULL, "
                + "last_name = NULL, first_name_ar = NULL, last_name_ar = NULL, name_key = NULL, search_key = NULL, "
                + "guardian_name = NULL, guardian_phone = NULL, dropout_reason = NULL, anonymised_at = now(), "
                + "updated_at = now(), version = version + 1 WHERE id IN (SELECT l.id FROM learner l")
                .where(due(cutoff)).then(" ORDER BY l.id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id", config.batchSize()),
                r -> r.uuid("id")).call(ids -> ids.isEmpty() ? Uni.createFrom().voidItem() : erase(tx, scope, ids)));
    }

    private Uni<Void> erase(Db.Connection tx, AccessScope scope, List<UUID> ids) {
        UUID[] array = ids.toArray(UUID[]::new);
        JsonObject changes = new JsonObject();
        ERASED.forEach(field -> changes.put(field, "changed"));
        changes.put("retentionYears", String.valueOf(config.years()));
        return tx.update(Sql.of("UPDATE enrollment SET exit_reason = NULL, updated_at = now(), version = version + 1 "
                + "WHERE learner_id = ANY(?) AND exit_reason IS NOT NULL", (Object) array))
                .chain(() -> tx.update(Sql.of("DELETE FROM import_learner_key WHERE learner_id = ANY(?)", (Object) array)))
                .chain(() -> tx.update(Sql.of("UPDATE access_grant SET reason = NULL WHERE learner_id = ANY(?) "
                        + "AND reason IS NOT NULL", (Object) array)))
                .chain(() -> tx.update(Sql.of("UPDATE referral SET reason = NULL, decline_reason = NULL WHERE learner_id = ANY(?) "
                        + "AND (reason IS NOT NULL OR decline_reason IS NOT NULL)", (Object) array)))
                .chain(() -> tx.execute(Sql.of("SELECT audit_scrub_learners(?)", (Object) array)))
                .chain(() -> tx.update(Sql.of("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes, "
                        + "request_id) SELECT ?, ?, 'ANONYMISE', 'Learner', id::varchar, ?, ? FROM unnest(?::uuid[]) AS id",
                        scope.subject(), scope.role().name(), changes, scope.requestId(), array)))
                .replaceWithVoid();
    }
}
