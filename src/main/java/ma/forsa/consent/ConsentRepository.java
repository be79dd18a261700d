package ma.forsa.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.security.AccessScope;
import ma.forsa.security.LearnerWrites;

/** The consent_record table: consents recorded and withdrawn (Panache), and the consents of learners, newest first. */
@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<ConsentEntity, UUID> {

    private final Db db;

    @Inject
    public ConsentRepository(Db db) {
        this.db = db;
    }

    /** The consents of each learner (whose visibility the caller checked), newest first. */
    public Uni<Map<UUID, List<Consent>>> byLearners(Collection<UUID> learnerIds) {
        return db.list(Sql.select("SELECT " + Consent.COLUMNS + " FROM consent_record cr")
                .where("cr.learner_id = ANY(?)", (Object) learnerIds.stream().distinct().toArray(UUID[]::new))
                .then(" ORDER BY cr.given_on DESC, cr.created_at DESC, cr.id"), Consent::from).map(list -> {
                    Map<UUID, List<Consent>> out = new HashMap<>();
                    list.forEach(c -> out.computeIfAbsent(c.learnerId(), k -> new ArrayList<>()).add(c));
                    return out;
                });
    }

    // ---------------------------------------------------------------- inside write transactions

    /** The learner, as a consent write needs it. */
    public record LearnerTarget(LearnerWrites.Target access, LocalDate birthDate) {
    }

    /** Locks the learner's row: where it stands for a write by the caller, and its birth date; null when missing. */
    public Uni<LearnerTarget> lockLearner(AccessScope scope, UUID learnerId) {
        return db.oneInTx(Sql.select(Sql.Fragment.of("SELECT ").plus(LearnerWrites.columns(scope, "l"))
                .plus(", l.birth_date FROM learner l")).where("l.id = ?", learnerId).then(" FOR UPDATE OF l"),
                r -> new LearnerTarget(new LearnerWrites.Target(r.flag("visible"), r.flag("writable"), r.flag("anonymised")),
                        r.date("birth_date")));
    }

    /** The learner of a consent, when the consent exists. */
    public Uni<UUID> learnerOf(UUID consentId) {
        return db.oneInTx(Sql.of("SELECT learner_id FROM consent_record WHERE id = ?", consentId), r -> r.uuid("learner_id"));
    }

    /**
     * Learner.consentRecordedOn shows the latest consent: moved forward to {@code givenOn} when later (the learner's
     * version is kept: the date is no longer the learner form's to change). Counts as activity for the retention rule.
     */
    public Uni<Integer> latestConsentOn(UUID learnerId, LocalDate givenOn, Instant now) {
        return db.executeInTx(Sql.of("UPDATE learner SET consent_recorded_on = greatest(consent_recorded_on, CAST(? AS date)), "
                + "updated_at = ? WHERE id = ?", givenOn, now.atOffset(ZoneOffset.UTC), learnerId));
    }
}
