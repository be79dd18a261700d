package ma.forsa.referral;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import ma.forsa.common.ErrorCode;
import ma.forsa.common.db.Db;
import ma.forsa.common.i18n.Messages;
import ma.forsa.common.rules.Violation;
import ma.forsa.enrollment.EnrollmentService;
import ma.forsa.security.AccessScope;
import ma.forsa.security.LearnerWrites;

/**
 * Referrals between associations (WRITE_REFERRALS). The sending side proposes moving an open enrollment to a centre of
 * another association (CREATE); the receiving side accepts, which runs the transfer (enrollment/EnrollmentService
 * #moveOpenEnrollment: every enrollment check, all or nothing) in the same transaction, or declines with a reason
 * (TRANSITION); an unanswered proposal expires (TRANSITION, by {@link #expire} or when it is next touched). The
 * referral's row is locked first, so that of two concurrent answers one wins and the other reads the answer given.
 */
@ApplicationScoped
public class ReferralService {

    static final String ENTITY = "Referral";
    static final int SWEEP_BATCH = 500;

    private final ReferralRepository referrals;
    private final EnrollmentService enrollments;
    private final AuditLog audit;
    private final Db db;
    private final Duration expireAfter;
    private final Clock clock;

    @Inject
    public ReferralService(ReferralRepository referrals, EnrollmentService enrollments, AuditLog audit, Db db,
            ReferralConfig config, Clock clock) {
        this.referrals = referrals;
        this.enrollments = enrollments;
        this.audit = audit;
        this.db = db;
        this.expireAfter = ReferralRules.expireAfter(config.expireAfter());
        this.clock = clock;
    }

    @WithTransaction
    public Uni<UUID> propose(AccessScope scope, ReferralRules.Valid in) {
        Instant now = clock.instant();
        return referrals.lockSource(scope, in.enrollmentId()).chain(source -> {
            if (source == null || !source.visible()) {
                throw ApiException.notFound("enrollment", in.enrollmentId());
            }
            LearnerWrites.require(scope, source.learnerId(), source.learner());
            return referrals.centerByCode(in.toCenterCode()).chain(to -> {
                refuse(scope, ReferralRules.checkProposal(source.facts(), to, in.proposedOn()), null);
                return referrals.expire(null, scope, now, source.enrollmentId(), SWEEP_BATCH)
                        .chain(() -> referrals.openProposal(source.enrollmentId()))
                        .chain(open -> {
                            if (open != null) {
                                refuse(scope, List.of(Violation.invalid("enrollmentId", "referral.alreadyProposed")), open);
                            }
                            ReferralEntity e = new ReferralEntity();
                            e.learnerId = source.learnerId();
                            e.fromEnrollmentId = source.enrollmentId();
                            e.fromCenterId = source.centerId();
                            e.toCenterId = to.centerId();
                            e.reason = in.reason();
                            e.proposedOn = in.proposedOn();
                            e.status = ReferralStatus.PROPOSED.name();
                            e.expiresAt = ReferralRules.expiry(now, expireAfter);
                            e.proposedBy = scope.subject();
                            AuditChanges changes = AuditChanges.create().field("learnerId", null, e.learnerId)
                                    .field("fromEnrollmentId", null, e.fromEnrollmentId).field("toCenterId", null, e.toCenterId)
                                    .field("proposedOn", null, e.proposedOn).field("status", null, e.status)
                                    .field("expiresAt", null, e.expiresAt).personal("reason", null, e.reason);
                            return referrals.persistAndFlush(e)
                                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, e.id, changes.toMap()))
                                    .map(v -> e.id);
                        });
            });
        });
    }

    /**
     * The receiving side accepts: the enrollment moves to the receiving centre on {@code on} (every check of an
     * enrollment there, under the receiving side's scope), and the referral records the new enrollment.
     */
    @WithTransaction
    public Uni<UUID> accept(AccessScope scope, UUID id, int version, LocalDate on, UUID agreementId, boolean overrideCapacity) {
        return answerable(scope, id, version).chain(answer -> {
            ReferralEntity e = answer.referral();
            if (!answer.sharingInForce()) {
                // the consent to sharing was withdrawn since the proposal
                throw ApiException.of(List.of(Violation.invalid("id", "referral.consent.sharing")), scope.locale());
            }
            return enrollments.moveOpenEnrollment(scope, e.fromEnrollmentId, e.toCenterId, on, agreementId, overrideCapacity,
                    Map.of("referralId", e.id.toString())).chain(moved -> {
                        AuditChanges changes = AuditChanges.create().field("status", e.status, ReferralStatus.ACCEPTED.name())
                                .field("newEnrollmentId", null, moved.id()).note("on", on);
                        e.status = ReferralStatus.ACCEPTED.name();
                        e.newEnrollmentId = moved.uuid();
                        e.decidedAt = clock.instant();
                        e.decidedBy = scope.subject();
                        return referrals.flush()
                                .chain(() -> audit.record(scope, AuditAction.TRANSITION, ENTITY, id, changes.toMap()))
                                .map(v -> id);
                    });
        });
    }

    @WithTransaction
    public Uni<UUID> decline(AccessScope scope, UUID id, int version, String reason) {
        return answerable(scope, id, version).map(Answerable::referral).chain(e -> {
            AuditChanges changes = AuditChanges.create().field("status", e.status, ReferralStatus.DECLINED.name())
                    .personal("declineReason", null, reason);
            e.status = ReferralStatus.DECLINED.name();
            e.declineReason = reason;
            e.decidedAt = clock.instant();
            e.decidedBy = scope.subject();
            return referrals.flush().chain(() -> audit.record(scope, AuditAction.TRANSITION, ENTITY, id, changes.toMap()))
                    .map(v -> id);
        });
    }

    /** A referral that may be answered, and whether the consent to sharing is still in force. */
    private record Answerable(ReferralEntity referral, boolean sharingInForce) {
    }

    /** The referral, locked, when the caller is its receiving side and it is an open proposal at the version read. */
    private Uni<Answerable> answerable(AccessScope scope, UUID id, int version) {
        Instant now = clock.instant();
        return referrals.lock(scope, id).chain(target -> {
            if (target == null || !target.visible()) {
                throw ApiException.notFound("referral", id);
            }
            if (!target.receiving()) {
                throw new ApiException(ErrorCode.FORBIDDEN, Messages.text(scope.locale(), "referral.notReceiving"));
            }
            return referrals.findById(id).map(e -> {
                ReferralStatus status = ReferralRules.effectiveStatus(ReferralStatus.valueOf(e.status), e.expiresAt, now);
                refuse(scope, ReferralRules.checkAnswer(status), null);
                if (e.version != version) {
                    throw ApiException.conflict(ENTITY, id, version, e.version);
                }
                return new Answerable(e, target.sharingInForce());
            });
        });
    }

    /** Records the proposals past their expiry as EXPIRED, batch by batch (the periodic sweep); how many. */
    public Uni<Integer> expire(AccessScope system) {
        Instant now = clock.instant();
        int[] total = { 0 };
        return db.transaction(tx -> referrals.expire(tx, system, now, null, SWEEP_BATCH))
                .invoke(ids -> total[0] += ids.size())
                .repeat().until(List::isEmpty)
                .collect().last()
                .map(ignored -> total[0]);
    }

    private static void refuse(AccessScope scope, List<Violation> violations, UUID existing) {
        if (violations.isEmpty()) {
            return;
        }
        ApiException error = ApiException.of(violations, scope.locale());
        if (existing == null) {
            throw error;
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>(error.details());
        details.remove("code");
        details.put("existing", existing.toString());
        throw new ApiException(error.code(), error.getMessage(), details);
    }
}
