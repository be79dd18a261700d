package ma.forsa.enrollment;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;

/**
 * One learner in one centre for one school year (GraphQL type). {@code exitReasonText} is the stored free text; the
 * field {@code exitReason} shows it only to who may read it (EnrollmentApi).
 */
@Type("Enrollment")
public record Enrollment(@Id @NonNull String id, @Ignore UUID learnerId, @Ignore UUID centerId, @Ignore UUID agreementId,
        @NonNull String schoolYear, @NonNull List<@NonNull Strand> strands, String vocationalField,
        @NonNull EnrollmentStatus status, @NonNull LocalDate enrolledOn, LocalDate exitedOn, @Ignore String exitReasonText,
        int version,
        @Description("True when the enrollment was accepted over the centre's capacity (explicit, audited override).")
        boolean capacityOverride,
        @Description("The enrollment this one continues, when the learner was transferred from another centre.")
        @Id String transferredFromId) {

    /** By id alone (records that are equal have the same id): a batch's key is hashed several times per request. */
    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(id);
    }

    /** The columns {@link #from} reads, for {@code SELECT ... FROM enrollment e}. */
    public static final String COLUMNS = "e.id, e.learner_id, e.center_id, e.agreement_id, e.school_year, e.strands, "
            + "e.vocational_field, e.status, e.enrolled_on, e.exited_on, e.exit_reason, e.version, e.capacity_override, "
            + "e.transferred_from_id";

    public static Enrollment from(DbRow r) {
        UUID from = r.uuid("transferred_from_id");
        return new Enrollment(r.uuid("id").toString(), r.uuid("learner_id"), r.uuid("center_id"), r.uuid("agreement_id"),
                r.string("school_year"), Arrays.stream(r.strings("strands")).map(Strand::valueOf).toList(),
                r.string("vocational_field"), EnrollmentStatus.valueOf(r.string("status")), r.date("enrolled_on"),
                r.date("exited_on"), r.string("exit_reason"), r.integer("version"), r.flag("capacity_override"),
                from == null ? null : from.toString());
    }

    static Enrollment from(EnrollmentEntity e) {
        return new Enrollment(e.id.toString(), e.learnerId, e.centerId, e.agreementId, e.schoolYear,
                Arrays.stream(e.strands).map(Strand::valueOf).toList(), e.vocationalField, EnrollmentStatus.valueOf(e.status),
                e.enrolledOn, e.exitedOn, e.exitReason, e.version, e.capacityOverride,
                e.transferredFromId == null ? null : e.transferredFromId.toString());
    }

    public UUID uuid() {
        return UUID.fromString(id);
    }
}
