package ma.forsa.enrollment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import ma.forsa.common.DbErrors;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.i18n.Messages;
import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;
import ma.forsa.security.AccessScope;
import ma.forsa.security.LearnerWrites;

/**
 * Enrollments through their lifecycle (WRITE_ENROLLMENTS): enroll, status transitions and transfers. Each gathers
 * the facts under row locks (learner, centre) and asks the rulebook ({@link EnrollmentRules}); a refusal lists every
 * violation.
 */
@ApplicationScoped
public class EnrollmentService {

    static final String ENTITY = "Enrollment";
    private static final String ONE_OPEN_INDEX = "enrollment_one_open_per_learner";

    private final EnrollmentRepository enrollments;
    private final AuditLog audit;
    private final EnrollmentRules.Eligibility eligibility;
    private final Clock clock;

    @Inject
    public EnrollmentService(EnrollmentRepository enrollments, AuditLog audit,
            EligibilityConfig eligibility, Clock clock) {
        this.enrollments = enrollments;
        this.audit = audit;
        this.eligibility = EnrollmentRules.Eligibility.of(eligibility);
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Enrollment> enroll(AccessScope scope, EnrollmentRules.Request in) {
        return enrollments.lockLearnerForWrite(scope, in.learnerId())
                .invoke(target -> LearnerWrites.require(scope, in.learnerId(), target))
                .chain(() -> enrollments.learnerFacts(in.learnerId()))
                .chain(learner -> enrollments.lockCenter(scope, in.centerId()).chain(center -> {
                    if (center == null) {
                        throw ApiException.notFound("center", in.centerId());
                    }
                    return agreements(scope, in.agreementId(), center.id()).map(a -> {
                        Checked<EnrollmentRules.Decision> decision = EnrollmentRules.checkEnroll(learner, center,
                                in.agreementId() != null, a.named(), a.covering(), in.enrolledOn(), true, in.overrideCapacity(),
                                eligibility);
                        return new Checked<>(decision.value(), decision.violations());
                    }).map(decision -> {
                        refuse(scope, decision.violations(), learner.openEnrollment());
                        return decision.value();
                    }).chain(decision -> {
                        EnrollmentEntity e = new EnrollmentEntity();
                        e.learnerId = in.learnerId();
                        e.centerId = center.id();
                        e.agreementId = decision.agreementId();
                        e.schoolYear = in.schoolYear();
                        e.strands = in.strands().stream().map(Enum::name).toArray(String[]::new);
                        e.vocationalField = in.vocationalField();
                        e.status = EnrollmentStatus.ENROLLED.name();
                        e.enrolledOn = in.enrolledOn();
                        e.capacityOverride = decision.capacityOverridden();
                        AuditChanges changes = created(e);
                        if (decision.capacityOverridden()) {
                            changes.note("capacityOverride", "centre " + center.code() + " was full (capacity "
                                    + center.capacity() + ")");
                        }
                        return persist(scope, e).chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, e.id,
                                changes.toMap())).map(v -> Enrollment.from(e));
                    });
                }));
    }

    @WithTransaction
    public Uni<Enrollment> transition(AccessScope scope, UUID id, int version, EnrollmentStatus to, LocalDate on,
            String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        return lock(scope, id, version).chain(e -> {
            EnrollmentStatus from = EnrollmentStatus.valueOf(e.status);
            List<Violation> violations = EnrollmentRules.checkTransition(from, to, on, e.enrolledOn, why, today());
            refuse(scope, violations, null, from);
            AuditChanges changes = AuditChanges.create().field("status", e.status, to.name());
            e.status = to.name();
            if (to.hasEnded()) {
                changes.field("exitedOn", e.exitedOn, on).personal("exitReason", e.exitReason, why);
                e.exitedOn = on;
                e.exitReason = why;
            } else {
                changes.note("on", on);
            }
            return enrollments.flush().chain(() -> audit.record(scope, AuditAction.TRANSITION, ENTITY, id, changes.toMap()))
                    .map(v -> Enrollment.from(e));
        });
    }

    /**
     * Closes the open enrollment as TRANSFERRED and opens one in the receiving centre, in one transaction, after every
     * check an enrollment in that centre on that date would get: if any is refused, nothing changes. The receiving
     * centre must be one the caller sees: another association's centre is reached by a referral (referral/), which
     * the receiving association accepts.
     */
    @WithTransaction
    public Uni<Enrollment> transfer(AccessScope scope, UUID id, int version, UUID toCenterId, LocalDate on, UUID agreementId,
            boolean overrideCapacity) {
        return lock(scope, id, version).chain(old -> moveOpenEnrollment(scope, id, toCenterId, on, agreementId,
                overrideCapacity, Map.of()));
    }

    /**
     * The transfer mechanics, shared by {@code transferEnrollment} and the acceptance of a referral: inside the caller's
     * transaction, closes the open enrollment {@code id} as TRANSFERRED on {@code on} and opens one in {@code toCenterId}
     * after every check an enrollment there would get ({@link EnrollmentRules#checkTransferFrom},
     * {@link EnrollmentRules#checkEnroll}); any refusal throws and the caller's transaction changes nothing. Locks, in
     * the order of every enrollment write: the enrollment's row, the learner's row, then the receiving centre's row.
     * The caller has decided that it may move this enrollment; {@code scope} decides which receiving centre and
     * agreement may be named (a centre it does not see is NOT_FOUND). {@code notes} are added to the audit events of
     * both enrollments (e.g. the referral).
     */
    public Uni<Enrollment> moveOpenEnrollment(AccessScope scope, UUID id, UUID toCenterId, LocalDate on, UUID agreementId,
            boolean overrideCapacity, Map<String, Object> notes) {
        return enrollments.lockRow(id).chain(() -> enrollments.findById(id)).chain(old -> {
            if (old == null) {
                throw ApiException.notFound("enrollment", id);
            }
            EnrollmentStatus from = EnrollmentStatus.valueOf(old.status);
            refuse(scope, EnrollmentRules.checkTransferFrom(from, old.centerId, toCenterId, on, old.enrolledOn, old.schoolYear,
                    today()), null, from);
            return enrollments.learnerFacts(old.learnerId).chain(learner -> enrollments.lockCenter(scope, toCenterId)
                    .chain(center -> {
                        if (center == null) {
                            throw new ApiException(ErrorCode.NOT_FOUND, Messages.text(scope.locale(),
                                    "enrollment.transfer.centerUnknown", toCenterId), Map.of("field", "toCenterId"));
                        }
                        return agreements(scope, agreementId, center.id()).map(a -> EnrollmentRules.checkEnroll(
                                new EnrollmentRules.LearnerFacts(learner.birthDate(), learner.anonymised(), null), center,
                                agreementId != null, a.named(), a.covering(), on, true, overrideCapacity, eligibility))
                                .chain(decision -> {
                                    refuse(scope, decision.violations(), null);
                                    return move(scope, old, center, on, decision.value(), notes);
                                });
                    }));
        });
    }

    private Uni<Enrollment> move(AccessScope scope, EnrollmentEntity old, EnrollmentRules.CenterFacts center, LocalDate on,
            EnrollmentRules.Decision decision, Map<String, Object> notes) {
        AuditChanges closing = AuditChanges.create().field("status", old.status, EnrollmentStatus.TRANSFERRED.name())
                .field("exitedOn", old.exitedOn, on);
        old.status = EnrollmentStatus.TRANSFERRED.name();
        old.exitedOn = on;
        old.exitReason = Messages.text(Messages.FRENCH, "enrollment.transferredTo");
        closing.personal("exitReason", null, old.exitReason);
        return enrollments.flush().chain(() -> {
            EnrollmentEntity e = new EnrollmentEntity();
            e.learnerId = old.learnerId;
            e.centerId = center.id();
            e.agreementId = decision.agreementId();
            e.schoolYear = old.schoolYear;
            e.strands = old.strands.clone();
            e.vocationalField = old.vocationalField;
            e.status = EnrollmentStatus.ENROLLED.name();
            e.enrolledOn = on;
            e.transferredFromId = old.id;
            e.capacityOverride = decision.capacityOverridden();
            AuditChanges opening = created(e).field("transferredFromId", null, old.id);
            notes.forEach((key, value) -> {
                closing.note(key, value);
                opening.note(key, value);
            });
            if (decision.capacityOverridden()) {
                opening.note("capacityOverride", "centre " + center.code() + " was full (capacity " + center.capacity() + ")");
            }
            return persist(scope, e)
                    .chain(() -> audit.record(scope, AuditAction.TRANSITION, ENTITY, old.id, closing.note("transferredTo", e.id)
                            .toMap()))
                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, e.id, opening.toMap()))
                    .map(v -> Enrollment.from(e));
        });
    }

    private record Agreements(EnrollmentRules.AgreementFacts named, List<EnrollmentRules.AgreementFacts> covering) {
    }

    /** The agreement the caller named (if visible), or the agreements covering the centre when none was named. */
    private Uni<Agreements> agreements(AccessScope scope, UUID named, UUID centerId) {
        if (named != null) {
            return enrollments.namedAgreement(scope, named, centerId).map(a -> new Agreements(a, List.of()));
        }
        return enrollments.coveringAgreements(centerId).map(list -> new Agreements(null, list));
    }

    /** The enrollment, locked, when the caller may change it (else NOT_FOUND), at the version read (else CONFLICT). */
    private Uni<EnrollmentEntity> lock(AccessScope scope, UUID id, int version) {
        return enrollments.lockForWrite(scope, id).chain(target -> {
            if (target == null || !target.visible()) {
                throw ApiException.notFound("enrollment", id);
            }
            if (target.anonymised()) {
                throw new ApiException(ErrorCode.ANONYMISED, Messages.text(scope.locale(), "learner.anonymised"));
            }
            return enrollments.findById(id);
        }).map(e -> {
            if (e.version != version) {
                throw ApiException.conflict(ENTITY, id, version, e.version);
            }
            return e;
        });
    }

    private LocalDate today() {
        return Clocks.today(clock);
    }

    /** Throws the violations as one error; an open enrollment already held is named in extensions.existing. */
    private static void refuse(AccessScope scope, List<Violation> violations, UUID existing) {
        refuse(scope, violations, existing, null);
    }

    private static void refuse(AccessScope scope, List<Violation> violations, UUID existing, EnrollmentStatus from) {
        if (violations.isEmpty()) {
            return;
        }
        ApiException error = ApiException.of(violations, scope.locale());
        Map<String, Object> details = new LinkedHashMap<>(error.details());
        details.remove("code");
        if (existing != null && violations.stream().anyMatch(v -> v.key().equals("enrollment.alreadyOpen"))) {
            details.put("existing", existing.toString());
        }
        if (from != null && error.code() == ErrorCode.INVALID_TRANSITION) {
            details.put("allowed", from.next().stream().map(Enum::name).toList());
        }
        throw new ApiException(error.code(), error.getMessage(), details);
    }

    /** Persists a new enrollment; the one-open-enrollment index turns a lost race into the rule's refusal. */
    private Uni<Void> persist(AccessScope scope, EnrollmentEntity e) {
        return enrollments.persistAndFlush(e).onFailure(f -> DbErrors.violates(f, ONE_OPEN_INDEX))
                .transform(f -> ApiException.of(List.of(Violation.invalid("learnerId", "enrollment.alreadyOpen")), scope.locale()))
                .replaceWithVoid();
    }

    private static AuditChanges created(EnrollmentEntity e) {
        return AuditChanges.create().field("learnerId", null, e.learnerId).field("centerId", null, e.centerId)
                .field("agreementId", null, e.agreementId).field("schoolYear", null, e.schoolYear)
                .field("strands", null, String.join(",", Arrays.asList(e.strands)))
                .field("vocationalField", null, e.vocationalField).field("status", null, e.status)
                .field("enrolledOn", null, e.enrolledOn).field("capacityOverride", null, e.capacityOverride ? true : null);
    }
}
