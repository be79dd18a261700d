package ma.forsa.referral;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;
import ma.forsa.common.db.Sql.Fragment;
import ma.forsa.enrollment.Strand;
import ma.forsa.security.AccessScope;
import ma.forsa.security.ScopeSql;

/**
 * A referral as the caller reads it (GraphQL type). The learner's first name and birth date are carried for
 * {@code summary} only ({@link ReferralApi}), never as fields.
 */
@Type("Referral")
@Description("A proposal to move a learner's open enrollment to a centre of another association, answered by that "
        + "association. Until it accepts, the receiving side sees only summary (first name, age, strands), never the learner.")
public record Referral(@Id @NonNull String id, @NonNull ReferralStatus status,
        @Description("Why the learner should move; null once the learner is anonymised.") String reason,
        @NonNull LocalDate proposedOn, @NonNull OffsetDateTime expiresAt, String declineReason, OffsetDateTime decidedAt,
        @NonNull String fromCenterCode, @NonNull String fromCenterName, @NonNull String toCenterCode,
        @NonNull String toCenterName,
        @Description("True when the caller is on the sending side.") boolean outgoing,
        @Description("True when the caller is on the receiving side.") boolean incoming, int version,
        @Ignore UUID learnerId, @Ignore UUID fromEnrollmentId, @Ignore UUID newEnrollmentId, @Ignore String learnerFirstName,
        @Ignore LocalDate learnerBirthDate, @Ignore List<Strand> strands, @Ignore boolean sharingInForce) {

    /**
     * The columns {@link #from} reads, for {@code FROM referral r} joined as {@link #JOINS}; the caller's side is
     * computed with its scope, the status on {@code now} ({@link ReferralRules#effectiveStatus}).
     */
    static Fragment columns(AccessScope scope, OffsetDateTime now) {
        return Fragment.of("r.id, ").plus(ReferralRules.effectiveStatusSql(now)).plus(" AS status, r.reason, r.proposed_on, "
                + "r.expires_at, r.decline_reason, r.decided_at, fc.code AS from_center_code, fc.name AS from_center_name, "
                + "tc.code AS to_center_code, tc.name AS to_center_name, r.version, r.learner_id, r.from_enrollment_id, "
                + "r.new_enrollment_id, rl.first_name, rl.birth_date, fe.strands, " + ReferralRules.sharingSql("rl")
                + " AS sharing, ").plus(ScopeSql.centerIds(scope, "r.from_center_id")).plus(" AS outgoing, ")
                .plus(ScopeSql.centerIds(scope, "r.to_center_id")).plus(" AS incoming");
    }

    static final String JOINS = " FROM referral r JOIN center fc ON fc.id = r.from_center_id JOIN center tc ON tc.id = "
            + "r.to_center_id JOIN learner rl ON rl.id = r.learner_id JOIN enrollment fe ON fe.id = r.from_enrollment_id";

    static Referral from(DbRow r) {
        return new Referral(r.uuid("id").toString(), ReferralStatus.valueOf(r.string("status")), r.string("reason"),
                r.date("proposed_on"), r.timestamp("expires_at"), r.string("decline_reason"), r.timestamp("decided_at"),
                r.string("from_center_code"), r.string("from_center_name"), r.string("to_center_code"),
                r.string("to_center_name"), r.flag("outgoing"), r.flag("incoming"), r.integer("version"), r.uuid("learner_id"),
                r.uuid("from_enrollment_id"), r.uuid("new_enrollment_id"), r.string("first_name"), r.date("birth_date"),
                Arrays.stream(r.strings("strands")).map(Strand::valueOf).toList(), r.flag("sharing"));
    }

    UUID uuid() {
        return UUID.fromString(id);
    }
}
