package ma.forsa.outcome;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.DbErrors;
import ma.forsa.common.Ids;
import ma.forsa.enrollment.EnrollmentEntity;
import ma.forsa.enrollment.EnrollmentStatus;
import ma.forsa.learner.LearnerGuard;
import ma.forsa.security.AccessScope;

/** Records integration outcomes: one per follow-up month (0 at exit, 3, 6, 12) of an ended enrollment. */
@ApplicationScoped
public class OutcomeService {

    static final String ENTITY = "Outcome";
    public static final Set<Integer> FOLLOW_UP_MONTHS = Set.of(0, 3, 6, 12);

    private final AuditLog audit;
    private final LearnerGuard guard;

    @Inject
    public OutcomeService(AuditLog audit, LearnerGuard guard) {
        this.audit = audit;
        this.guard = guard;
    }

    /** A validated outcome input. */
    public record NewOutcome(UUID enrollmentId, OutcomeKind kind, LocalDate observedOn, int followUpMonth,
            String organization, boolean verified) {

        public static NewOutcome of(OutcomeInput in, LocalDate today) {
            if (in == null) {
                throw ApiException.validation("input", "input is required.");
            }
            UUID enrollment = Ids.parseInput(in.enrollmentId(), "enrollmentId");
            if (in.kind() == null) {
                throw ApiException.validation("kind", "kind is required.");
            }
            if (!FOLLOW_UP_MONTHS.contains(in.followUpMonth())) {
                throw ApiException.validation("followUpMonth", "followUpMonth must be 0 (at exit), 3, 6 or 12; got "
                        + in.followUpMonth() + ".");
            }
            if (in.observedOn() == null) {
                throw ApiException.validation("observedOn", "observedOn is required.");
            }
            if (in.observedOn().isAfter(today)) {
                throw ApiException.validation("observedOn", "observedOn (" + in.observedOn() + ") is in the future: "
                        + "record an outcome once it has been observed.");
            }
            String organization = in.organization() == null || in.organization().isBlank() ? null : in.organization().strip();
            if (organization != null && organization.length() > 200) {
                throw ApiException.validation("organization", "organization must be at most 200 characters.");
            }
            return new NewOutcome(enrollment, in.kind(), in.observedOn(), in.followUpMonth(), organization,
                    Boolean.TRUE.equals(in.verified()));
        }
    }

    @WithTransaction
    public Uni<Outcome> record(AccessScope scope, NewOutcome in) {
        guard.requireWriter(scope);
        return EnrollmentEntity.<EnrollmentEntity>findById(in.enrollmentId())
                .chain(e -> {
                    if (e == null) {
                        throw ApiException.notFound("enrollment", in.enrollmentId());
                    }
                    if (scope.associationScope() == null) {
                        return Uni.createFrom().item(e);
                    }
                    return Panache.getSession().chain(s -> s.createNativeQuery(
                            "SELECT 1 FROM center WHERE id = ?1 AND association_id = ?2")
                            .setParameter(1, e.centerId).setParameter(2, scope.associationScope()).getResultList())
                            .map(rows -> {
                                if (rows.isEmpty()) {
                                    throw ApiException.notFound("enrollment", in.enrollmentId());
                                }
                                return e;
                            });
                })
                .chain(e -> {
                    EnrollmentStatus status = EnrollmentStatus.valueOf(e.status);
                    if (!status.hasEnded()) {
                        throw ApiException.validation("enrollmentId", "Enrollment " + e.id + " is " + status
                                + ": outcomes are recorded once the learner has left, on a COMPLETED or DROPPED_OUT "
                                + "enrollment" + (status.isOpen() ? " (end it first with transitionEnrollment)." : "."));
                    }
                    if (in.observedOn().isBefore(e.exitedOn)) {
                        throw ApiException.validation("observedOn", "observedOn (" + in.observedOn()
                                + ") is before the learner left the centre on " + e.exitedOn + ": give a later date.");
                    }
                    return OutcomeEntity.<OutcomeEntity>find("enrollmentId = ?1 and followUpMonth = ?2", e.id,
                            in.followUpMonth()).<OutcomeEntity>firstResult();
                })
                .chain(existing -> {
                    if (existing != null) {
                        throw alreadyRecorded(in.followUpMonth(), existing.id);
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
                    return o.persistAndFlush()
                            .onFailure(f -> DbErrors.violates(f, "outcome_follow_up_key"))
                            .transform(f -> alreadyRecorded(in.followUpMonth(), null))
                            .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, o.id, changes.toMap()))
                            .map(v -> Outcome.from(o));
                });
    }

    private static ApiException alreadyRecorded(int month, UUID existing) {
        return ApiException.validation("followUpMonth", "An outcome for follow-up month " + month + " is already recorded"
                + (existing == null ? "" : " (" + existing + ")") + " on this enrollment: one outcome per follow-up month.");
    }
}
