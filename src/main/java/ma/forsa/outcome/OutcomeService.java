package ma.forsa.outcome;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.DbErrors;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.i18n.Messages;
import ma.forsa.common.rules.Violation;
import ma.forsa.security.AccessScope;

/** Records integration outcomes (WRITE_OUTCOMES): one per follow-up month (0 at exit, 3, 6, 12) of an ended enrollment. */
@ApplicationScoped
public class OutcomeService {

    static final String ENTITY = "Outcome";

    private final OutcomeRepository outcomes;
    private final AuditLog audit;

    @Inject
    public OutcomeService(OutcomeRepository outcomes, AuditLog audit) {
        this.outcomes = outcomes;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Outcome> record(AccessScope scope, OutcomeRules.Valid in) {
        return outcomes.lockEnrollment(scope, in.enrollmentId()).chain(target -> {
            if (target == null || !target.visible()) {
                throw ApiException.notFound("enrollment", in.enrollmentId());
            }
            if (target.anonymised()) {
                throw new ApiException(ErrorCode.ANONYMISED, Messages.text(scope.locale(), "learner.anonymised"));
            }
            List<Violation> violations = OutcomeRules.checkRecord(target.status(), target.exitedOn(), in.observedOn(),
                    in.followUpMonth(), target.recordedMonths());
            if (!violations.isEmpty()) {
                throw ApiException.of(violations, scope.locale());
            }
            OutcomeEntity o = new OutcomeEntity();
            o.enrollmentId = in.enrollmentId();
            o.kind = in.kind().name();
            o.observedOn = in.observedOn();
            o.followUpMonth = in.followUpMonth();
            o.organization = in.organization();
            o.verified = in.verified();
            AuditChanges changes = AuditChanges.create().field("enrollmentId", null, o.enrollmentId)
                    .field("kind", null, o.kind).field("observedOn", null, o.observedOn)
                    .field("followUpMonth", null, o.followUpMonth).field("organization", null, o.organization)
                    .field("verified", null, o.verified);
            return outcomes.persistAndFlush(o)
                    .onFailure(f -> DbErrors.violates(f, "outcome_follow_up_key"))
                    .transform(f -> ApiException.of(List.of(Violation.invalid("followUpMonth", "outcome.alreadyRecorded",
                            in.followUpMonth())), scope.locale()))
                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, o.id, changes.toMap()))
                    .map(v -> Outcome.from(o));
        });
    }
}
