package ma.forsa.consent;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.Clocks;
import ma.forsa.common.rules.Violation;
import ma.forsa.security.AccessScope;
import ma.forsa.security.LearnerWrites;

/**
 * Records and withdraws consents (WRITE_CONSENTS) for a learner the caller may change (security/LearnerWrites), under
 * the learner's row lock, audited (CREATE, TRANSITION) in the same transaction.
 */
@ApplicationScoped
public class ConsentService {

    static final String ENTITY = "Consent";

    private final ConsentRepository consents;
    private final AuditLog audit;
    private final ConsentConfig config;
    private final Clock clock;

    @Inject
    public ConsentService(ConsentRepository consents, AuditLog audit, ConsentConfig config, Clock clock) {
        this.consents = consents;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Consent> record(AccessScope scope, ConsentRules.Valid in) {
        return consents.lockLearner(scope, in.learnerId()).chain(target -> {
            LearnerWrites.require(scope, in.learnerId(), target == null ? null : target.access());
            refuse(scope, ConsentRules.checkRecord(in, target.birthDate(), config.ageOfMajority()));
            ConsentEntity e = new ConsentEntity();
            e.learnerId = in.learnerId();
            e.givenBy = in.givenBy().name();
            e.givenOn = in.givenOn();
            e.purposes = in.purposes().stream().map(Enum::name).toArray(String[]::new);
            AuditChanges changes = AuditChanges.create().field("learnerId", null, e.learnerId).field("givenBy", null, e.givenBy)
                    .field("givenOn", null, e.givenOn).field("purposes", null, String.join(",", e.purposes));
            return consents.persistAndFlush(e)
                    .chain(() -> consents.latestConsentOn(e.learnerId, e.givenOn, clock.instant()))
                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, e.id, changes.toMap()))
                    .map(v -> Consent.from(e));
        });
    }

    /** Withdraws a consent as a whole on {@code on} (a consent for fewer purposes is recorded anew if some remain). */
    @WithTransaction
    public Uni<Consent> withdraw(AccessScope scope, UUID id, int version, LocalDate on) {
        return consents.learnerOf(id).chain(learner -> {
            if (learner == null) {
                throw ApiException.notFound("consent", id);
            }
            return consents.lockLearner(scope, learner).invoke(target -> {
                if (target == null || !target.access().visible()) {
                    throw ApiException.notFound("consent", id);
                }
                LearnerWrites.require(scope, learner, target.access());
            }).chain(() -> consents.findById(id));
        }).chain(e -> {
            if (e.version != version) {
                throw ApiException.conflict(ENTITY, id, version, e.version);
            }
            refuse(scope, ConsentRules.checkWithdrawal(e.givenOn, e.withdrawnOn, on, Clocks.today(clock)));
            AuditChanges changes = AuditChanges.create().field("withdrawnOn", null, on).field("learnerId", null, e.learnerId);
            e.withdrawnOn = on;
            return consents.flush().chain(() -> audit.record(scope, AuditAction.TRANSITION, ENTITY, id, changes.toMap()))
                    .map(v -> Consent.from(e));
        });
    }

    private static void refuse(AccessScope scope, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ApiException.of(violations, scope.locale());
        }
    }
}
