package ma.forsa.referral;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import ma.forsa.common.ErrorCode;
import ma.forsa.common.Ids;
import ma.forsa.common.db.Sql.Fragment;
import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;
import ma.forsa.consent.ConsentPurpose;
import ma.forsa.consent.ConsentRules;
import ma.forsa.enrollment.EnrollmentStatus;
import ma.forsa.enrollment.SchoolYears;

/**
 * The referral rulebook: what a proposal must be, when it may be answered, how long it waits, what its summary shows.
 * The transfer itself is the enrollment rulebook's (enrollment/EnrollmentService#moveOpenEnrollment).
 */
public final class ReferralRules {

    public static final int MIN_REASON = 10;
    public static final int MAX_REASON = 500;
    static final Duration SHORTEST = Duration.ofDays(1);
    static final Duration LONGEST = Duration.ofDays(90);

    private ReferralRules() {
    }

    /** A checked proposal. */
    public record Valid(UUID enrollmentId, String toCenterCode, String reason, LocalDate proposedOn) {
    }

    /** The enrollment to move, as a proposal needs it. */
    public record From(EnrollmentStatus status, LocalDate enrolledOn, String schoolYear, UUID associationId,
            boolean sharingInForce) {
    }

    /** The receiving centre, found by its code (null fields when no centre has it). */
    public record To(UUID centerId, String status, UUID associationId) {
    }

    public static Checked<Valid> validate(ReferralInput in) {
        Checked.Collector c = new Checked.Collector();
        if (in == null) {
            return c.add(Violation.invalid("input", "referral.input.required")).result(null);
        }
        UUID enrollment = Ids.parseInput(in.enrollmentId(), "enrollmentId");
        String code = in.toCenterCode() == null ? "" : in.toCenterCode().strip();
        if (code.isEmpty() || code.length() > 32) {
            c.add(Violation.invalid("toCenterCode", "referral.toCenter.unknown"));
        }
        String reason = reason(c, "reason", in.reason());
        if (in.proposedOn() == null) {
            c.add(Violation.invalid("proposedOn", "referral.proposedOn.required"));
        }
        return c.result(new Valid(enrollment, code, reason, in.proposedOn()));
    }

    /** A free-text reason (proposal, decline): required, trimmed, {@value #MIN_REASON} to {@value #MAX_REASON} characters. */
    static String reason(Checked.Collector c, String field, String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.length() < MIN_REASON) {
            c.add(Violation.invalid(field, "referral.reason.required", MIN_REASON));
        } else if (text.length() > MAX_REASON) {
            c.add(Violation.invalid(field, "referral.reason.tooLong", MAX_REASON));
        }
        return text;
    }

    public static Checked<String> declineReason(String reason) {
        Checked.Collector c = new Checked.Collector();
        return c.result(reason(c, "reason", reason));
    }

    /**
     * A proposal: the enrollment is open; the receiving centre exists, is OPEN and belongs to another association (within
     * one association a transfer stays one step: transferEnrollment); the proposed date lies in the enrollment's school
     * year, on or after its start; a consent for SHARING_ON_REFERRAL is in force.
     */
    public static List<Violation> checkProposal(From from, To to, LocalDate proposedOn) {
        Checked.Collector c = new Checked.Collector();
        if (!from.status().isOpen()) {
            c.add(Violation.of(ErrorCode.INVALID_TRANSITION, "enrollmentId", "referral.enrollment.notOpen", from.status()));
        }
        if (to.centerId() == null || !"OPEN".equals(to.status())) {
            c.add(Violation.invalid("toCenterCode", "referral.toCenter.unknown"));
        } else if (to.associationId().equals(from.associationId())) {
            c.add(Violation.invalid("toCenterCode", "referral.toCenter.sameAssociation"));
        }
        Integer first = SchoolYears.firstYearOrNull(from.schoolYear());
        if (proposedOn != null && (proposedOn.isBefore(from.enrolledOn()) || first != null && !SchoolYears.contains(first,
                proposedOn))) {
            c.add(Violation.invalid("proposedOn", "referral.proposedOn.outsideYear", from.schoolYear(), from.enrolledOn(),
                    first == null ? from.enrolledOn() : SchoolYears.closes(first)));
        }
        if (!from.sharingInForce()) {
            c.add(Violation.invalid("enrollmentId", "referral.consent.sharing"));
        }
        return c.list();
    }

    /** The status as read on {@code now}: a proposal past its expiry is EXPIRED, whatever is stored. */
    public static ReferralStatus effectiveStatus(ReferralStatus stored, Instant expiresAt, Instant now) {
        return stored == ReferralStatus.PROPOSED && !now.isBefore(expiresAt) ? ReferralStatus.EXPIRED : stored;
    }

    /** {@link #effectiveStatus} in SQL, on {@code FROM referral r}. */
    static Fragment effectiveStatusSql(OffsetDateTime now) {
        return Fragment.of("(CASE WHEN r.status = 'PROPOSED' AND r.expires_at <= ? THEN 'EXPIRED' ELSE r.status END)", now);
    }

    /** SQL: a consent for SHARING_ON_REFERRAL is in force for the learner {@code l}. */
    static String sharingSql(String l) {
        return ConsentRules.inForceSql(l, ConsentPurpose.SHARING_ON_REFERRAL);
    }

    /** An answer (accept, decline) to a referral read as {@code status}: only an open proposal is answered. */
    public static List<Violation> checkAnswer(ReferralStatus status) {
        if (status == ReferralStatus.PROPOSED) {
            return List.of();
        }
        return List.of(Violation.of(ErrorCode.INVALID_TRANSITION, "id", "referral.answered", status));
    }

    /** When a proposal made at {@code now} expires. */
    public static Instant expiry(Instant now, Duration expireAfter) {
        return now.plus(expireAfter);
    }

    /** The configured delay, checked at start-up. */
    public static Duration expireAfter(Duration configured) {
        if (configured == null || configured.compareTo(SHORTEST) < 0 || configured.compareTo(LONGEST) > 0) {
            throw new IllegalStateException("forsa.referral.expire-after must be between P1D and P90D (got " + configured + ").");
        }
        return configured;
    }

    /** The learner's age in whole years on {@code today}. */
    public static int age(LocalDate birthDate, LocalDate today) {
        return Period.between(birthDate, today).getYears();
    }

    /**
     * Whether a referral's summary shows the learner's first name to a caller who may see the learner's identity
     * ({@code seesIdentity}): only under a consent to sharing on referral, and to the receiving side only while the
     * proposal is open or once it accepted (a declined or expired proposal shares nothing more).
     */
    public static boolean showsFirstName(boolean seesIdentity, boolean sharingInForce, boolean sendingSide,
            ReferralStatus status) {
        return seesIdentity && sharingInForce
                && (sendingSide || status == ReferralStatus.PROPOSED || status == ReferralStatus.ACCEPTED);
    }
}
