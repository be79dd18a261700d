package ma.forsa.enrollment;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * One change of an enrollment of a centre, as announced by the database (R__notify.sql) and read again through the
 * subscriber's scope (GraphQL type; ids and status only, no personal data).
 */
@Type("EnrollmentChange")
@Description("A change of an enrollment of a centre (subscription enrollmentChanges): ids, status and kind only; read the "
        + "enrollment or the learner with the usual queries for more.")
public record EnrollmentChange(
        @Description("The enrollment's id.") @Id @NonNull String id,
        @Id @NonNull String centerId,
        @Id @NonNull String learnerId,
        @Description("The enrollment's status after this change.") @NonNull EnrollmentStatus status,
        @NonNull EnrollmentChangeKind kind,
        @Description("When the change was written.") @NonNull Instant occurredAt) {
}
