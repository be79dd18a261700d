package ma.forsa.enrollment;

import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.DbErrors;
import ma.forsa.common.ErrorCode;
import ma.forsa.learner.LearnerEntity;
import ma.forsa.learner.LearnerGuard;
import ma.forsa.security.AccessScope;

/**
 * Enrollments through their lifecycle: enroll (eligibility, one open enrollment per learner, open
 * centre, capacity, agreement), status transitions and transfers between centres.
 */
@ApplicationScoped
public class EnrollmentService {

    static final String ENTITY = "Enrollment";
    private static final String ONE_OPEN_INDEX = "enrollment_one_open_per_learner";

    private final AuditLog audit;
    private final LearnerGuard guard;
    private final int minAge;
    private final int maxAge;

    @Inject
    public EnrollmentService(AuditLog audit, LearnerGuard guard, @ConfigProperty(name = "forsa.eligibility.min-age") int minAge,
            @ConfigProperty(name = "forsa.eligibility.max-age") int maxAge) {
        if (minAge < 0 || maxAge < minAge) {
            throw new IllegalStateException("forsa.eligibility.min-age (" + minAge + ") must be 0 or more and at most "
                    + "forsa.eligibility.max-age (" + maxAge + ").");
        }
        this.audit = audit;
        this.guard = guard;
        this.minAge = minAge;
        this.maxAge = maxAge;
    }

    /** A validated enroll input. */
    public record NewEnrollment(UUID learnerId, UUID centerId, String schoolYear, List<Strand> strands,
            String vocationalField, LocalDate enrolledOn, UUID agreementId, boolean overrideCapacity) {
    }

    /** A centre as the enrollment rules need it, read under a row lock. */
    private record CenterState(UUID id, String code, UUID associationId, String status, int capacity) {
    }

    @WithTransaction
    public Uni<Enrollment> enroll(AccessScope scope, NewEnrollment in) {
        guard.requireWriter(scope);
        return guard.requireWritableLearner(scope, in.learnerId())
                // Locking the learner serialises concurrent enrollments of the same person.
                .chain(() -> LearnerEntity.<LearnerEntity>findById(in.learnerId(), LockModeType.PESSIMISTIC_WRITE))
                .chain(learner -> {
                    if (learner == null) {
                        throw ApiException.notFound("learner", in.learnerId());
                    }
                    int age = Period.between(learner.birthDate, in.enrolledOn()).getYears();
                    if (age < minAge || age > maxAge) {
                        throw ApiException.validation("enrolledOn", "The learner is " + age + " years old on "
                                + in.enrolledOn() + "; enrollment is open to ages " + minAge + " to " + maxAge
                                + " on the enrollment date. Check the birth date or the enrollment date.");
                    }
                    return refuseSecondOpenEnrollment(in.learnerId());
                })
                .chain(() -> lockCenter(in.centerId(), "centerId"))
                .chain(center -> {
                    if (scope.associationScope() != null && !scope.associationScope().equals(center.associationId())) {
                        throw ApiException.notFound("center", in.centerId());
                    }
                    return checkCapacity(center, in.overrideCapacity(), "centerId")
                            .chain(overridden -> checkAgreement(scope, in.agreementId(), center, in.enrolledOn())
                                    .chain(() -> {
                                        EnrollmentEntity e = new EnrollmentEntity();
                                        e.learnerId = in.learnerId();
                                        e.centerId = center.id();
                                        e.agreementId = in.agreementId();
                                        e.schoolYear = in.schoolYear();
                                        e.strands = in.strands().stream().map(Enum::name).toArray(String[]::new);
                                        e.vocationalField = in.vocationalField();
                                        e.status = EnrollmentStatus.ENROLLED.name();
                                        e.enrolledOn = in.enrolledOn();
                                        e.capacityOverride = overridden;
                                        AuditChanges changes = created(e);
                                        if (overridden) {
                                            changes.note("capacityOverride", "centre " + center.code() + " was full (capacity "
                                                    + center.capacity() + ")");
                                        }
                                        return persist(e).chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, e.id,
                                                changes.toMap())).map(v -> Enrollment.from(e));
                                    }));
                });
    }

    @WithTransaction
    public Uni<Enrollment> transition(AccessScope scope, UUID id, int version, EnrollmentStatus to, LocalDate on,
            String reason) {
        guard.requireWriter(scope);
        return lockEnrollment(scope, id, version).chain(e -> {
            EnrollmentStatus from = EnrollmentStatus.valueOf(e.status);
            if (!from.next().contains(to)) {
                throw refusedTransition(from, to);
            }
            checkDate(on, e.enrolledOn);
            AuditChanges changes = AuditChanges.create().field("status", e.status, to.name());
            e.status = to.name();
            if (to.hasEnded()) {
                changes.field("exitedOn", e.exitedOn, on).field("exitReason", e.exitReason, reason);
                e.exitedOn = on;
                e.exitReason = reason;
            } else {
                changes.note("on", on);
            }
            return Panache.flush().chain(() -> audit.record(scope, AuditAction.TRANSITION, ENTITY, id, changes.toMap()))
                    .map(v -> Enrollment.from(e));
        });
    }

    /**
     * Closes the open enrollment as TRANSFERRED and opens one in the receiving centre, in one
     * transaction: if any step is refused, nothing changes. The receiving centre may belong to
     * another association (the sending association hands the learner over).
     */
    @WithTransaction
    public Uni<Enrollment> transfer(AccessScope scope, UUID id, int version, UUID toCenterId, LocalDate on,
            boolean overrideCapacity) {
        guard.requireWriter(scope);
        return lockEnrollment(scope, id, version).chain(old -> {
            EnrollmentStatus from = EnrollmentStatus.valueOf(old.status);
            if (!from.isOpen()) {
                throw ApiException.invalidTransition(ENTITY, from, EnrollmentStatus.TRANSFERRED, from.next());
            }
            if (old.centerId.equals(toCenterId)) {
                throw ApiException.validation("toCenterId", "toCenterId is the centre the learner is already enrolled in: "
                        + "choose another centre.");
            }
            checkDate(on, old.enrolledOn);
            return lockCenter(toCenterId, "toCenterId").chain(center -> {
                AuditChanges closing = AuditChanges.create().field("status", old.status, EnrollmentStatus.TRANSFERRED.name())
                        .field("exitedOn", old.exitedOn, on);
                old.status = EnrollmentStatus.TRANSFERRED.name();
                old.exitedOn = on;
                old.exitReason = "Transferred to centre " + center.code();
                closing.field("exitReason", null, old.exitReason);
                // The old enrollment is closed first (the learner's one open enrollment moves), then the
                // receiving centre's capacity is checked: a refusal there rolls the closing back.
                return Panache.flush().chain(() -> checkCapacity(center, overrideCapacity, "toCenterId"))
                        .chain(overridden -> carriedAgreement(old.agreementId, center.id(), on).chain(agreement -> {
                            EnrollmentEntity e = new EnrollmentEntity();
                            e.learnerId = old.learnerId;
                            e.centerId = center.id();
                            e.agreementId = agreement;
                            e.schoolYear = old.schoolYear;
                            e.strands = old.strands.clone();
                            e.vocationalField = old.vocationalField;
                            e.status = EnrollmentStatus.ENROLLED.name();
                            e.enrolledOn = on;
                            e.transferredFromId = old.id;
                            e.capacityOverride = overridden;
                            AuditChanges opening = created(e).field("transferredFromId", null, old.id);
                            if (overridden) {
                                opening.note("capacityOverride", "centre " + center.code() + " was full (capacity "
                                        + center.capacity() + ")");
                            }
                            return persist(e)
                                    .chain(() -> audit.record(scope, AuditAction.TRANSITION, ENTITY, old.id,
                                            closing.note("transferredTo", e.id).toMap()))
                                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, e.id, opening.toMap()))
                                    .map(v -> Enrollment.from(e));
                        }));
            });
        });
    }

    private static ApiException refusedTransition(EnrollmentStatus from, EnrollmentStatus to) {
        List<String> allowed = from.next().stream().map(Enum::name).toList();
        String choice = allowed.isEmpty() ? "a " + from + " enrollment cannot change status any more"
                : "allowed next statuses: " + String.join(", ", allowed);
        String transfer = to == EnrollmentStatus.TRANSFERRED && from.isOpen()
                ? " To move the learner to another centre use transferEnrollment." : "";
        return new ApiException(ErrorCode.INVALID_TRANSITION, "Enrollment cannot go from " + from + " to " + to + "; "
                + choice + "." + transfer, Map.of("allowed", allowed));
    }

    /** The enrollment under a row lock, in the caller's write scope and at the version the caller read. */
    private Uni<EnrollmentEntity> lockEnrollment(AccessScope scope, UUID id, int version) {
        return EnrollmentEntity.<EnrollmentEntity>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(e -> {
            if (e == null) {
                throw ApiException.notFound("enrollment", id);
            }
            Uni<Void> inScope = scope.associationScope() == null ? Uni.createFrom().voidItem()
                    : Panache.getSession().chain(s -> s.createNativeQuery(
                            "SELECT 1 FROM center WHERE id = ?1 AND association_id = ?2")
                            .setParameter(1, e.centerId).setParameter(2, scope.associationScope()).getResultList())
                            .invoke(rows -> {
                                if (rows.isEmpty()) {
                                    throw ApiException.notFound("enrollment", id);
                                }
                            }).replaceWithVoid();
            return inScope.map(v -> {
                if (e.version != version) {
                    throw ApiException.conflict(ENTITY, id, version, e.version);
                }
                return e;
            });
        });
    }

    private static void checkDate(LocalDate on, LocalDate enrolledOn) {
        if (on == null) {
            throw ApiException.validation("on", "on is required.");
        }
        if (on.isBefore(enrolledOn)) {
            throw ApiException.validation("on", "on (" + on + ") is before the enrollment date " + enrolledOn
                    + ": give a date on or after it.");
        }
        if (on.isAfter(LocalDate.now())) {
            throw ApiException.validation("on", "on (" + on + ") is in the future: record the change when it happens.");
        }
    }

    private static Uni<Void> refuseSecondOpenEnrollment(UUID learnerId) {
        return EnrollmentEntity.<EnrollmentEntity>find("learnerId = ?1 and status in ?2", learnerId, EnrollmentStatus.OPEN)
                .firstResult().invoke(open -> {
                    if (open != null) {
                        throw alreadyEnrolled(learnerId, open.id);
                    }
                }).replaceWithVoid();
    }

    private static ApiException alreadyEnrolled(UUID learnerId, UUID openId) {
        return ApiException.validation("learnerId", "Learner " + learnerId + " already has an open enrollment"
                + (openId == null ? "" : " (" + openId + ")") + ": a learner has one open enrollment at a time. "
                + "Use transferEnrollment to move the learner, or end the open enrollment first.");
    }

    /** The centre under a row lock (serialises capacity checks); NOT_FOUND when missing, VALIDATION when not OPEN. */
    private static Uni<CenterState> lockCenter(UUID centerId, String field) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT CAST(id AS varchar), code, "
                + "CAST(association_id AS varchar), status, capacity FROM center WHERE id = ?1 FOR UPDATE", Object[].class)
                .setParameter(1, centerId).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ApiException.notFound("center", centerId);
                    }
                    Object[] r = rows.get(0);
                    CenterState center = new CenterState(UUID.fromString((String) r[0]), (String) r[1],
                            UUID.fromString((String) r[2]), (String) r[3], ((Number) r[4]).intValue());
                    if (!"OPEN".equals(center.status())) {
                        throw ApiException.validation(field, "Centre " + center.code() + " is " + center.status()
                                + ": enrollments are accepted only in OPEN centres.");
                    }
                    return center;
                });
    }

    /** True when the centre is full and the caller overrides; CAPACITY_EXCEEDED when full without override. */
    private static Uni<Boolean> checkCapacity(CenterState center, boolean override, String field) {
        return EnrollmentEntity.count("centerId = ?1 and status in ?2", center.id(), EnrollmentStatus.OPEN).map(open -> {
            if (open < center.capacity()) {
                return false;
            }
            if (!override) {
                throw ApiException.capacityExceeded("Centre " + center.code() + " is full: " + open
                        + " open enrollments for a capacity of " + center.capacity() + ". Choose another centre, end "
                        + "enrollments that are over, or send overrideCapacity: true to accept it anyway (recorded and "
                        + "audited).");
            }
            return true;
        });
    }

    /** The agreement must be visible, signed, cover the centre, and its term must include the enrollment date. */
    private static Uni<Void> checkAgreement(AccessScope scope, UUID agreementId, CenterState center, LocalDate on) {
        if (agreementId == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT reference, CAST(association_id AS varchar), "
                + "status, CAST(starts_on AS varchar), CAST(ends_on AS varchar), EXISTS (SELECT 1 FROM agreement_center ac "
                + "WHERE ac.agreement_id = g.id AND ac.center_id = ?2) FROM agreement g WHERE g.id = ?1", Object[].class)
                .setParameter(1, agreementId).setParameter(2, center.id()).getResultList())
                .invoke(rows -> {
                    Object[] r = rows.isEmpty() ? null : rows.get(0);
                    if (r == null || (scope.associationScope() != null
                            && !scope.associationScope().toString().equals(r[1]))) {
                        throw ApiException.validation("agreementId", "No agreement with id " + agreementId + " exists.");
                    }
                    String reference = (String) r[0];
                    if ("DRAFT".equals(r[2])) {
                        throw ApiException.validation("agreementId", "Agreement " + reference + " is still a DRAFT: "
                                + "enrollments count towards signed agreements only.");
                    }
                    if (!Boolean.TRUE.equals(r[5])) {
                        throw ApiException.validation("agreementId", "Agreement " + reference + " does not cover centre "
                                + center.code() + ": choose an agreement that lists this centre, or leave agreementId empty.");
                    }
                    LocalDate starts = LocalDate.parse((String) r[3]);
                    LocalDate ends = LocalDate.parse((String) r[4]);
                    if (on.isBefore(starts) || on.isAfter(ends)) {
                        throw ApiException.validation("enrolledOn", "enrolledOn " + on + " is outside the term of agreement "
                                + reference + " (" + starts + " to " + ends + "): enrollments count towards an agreement "
                                + "only inside its term.");
                    }
                }).replaceWithVoid();
    }

    /** A transferred enrollment keeps its agreement only when that agreement covers the receiving centre on that date. */
    private static Uni<UUID> carriedAgreement(UUID agreementId, UUID centerId, LocalDate on) {
        if (agreementId == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT 1 FROM agreement g JOIN agreement_center ac "
                + "ON ac.agreement_id = g.id WHERE g.id = ?1 AND ac.center_id = ?2 AND g.starts_on <= ?3 AND g.ends_on >= ?3")
                .setParameter(1, agreementId).setParameter(2, centerId).setParameter(3, on).getResultList())
                .map(rows -> rows.isEmpty() ? null : agreementId);
    }

    private static Uni<Void> persist(EnrollmentEntity e) {
        return e.persistAndFlush()
                .onFailure(f -> DbErrors.violates(f, ONE_OPEN_INDEX)).transform(f -> alreadyEnrolled(e.learnerId, null))
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
