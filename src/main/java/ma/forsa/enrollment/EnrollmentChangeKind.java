package ma.forsa.enrollment;

import org.eclipse.microprofile.graphql.Description;

@Description("What happened to an enrollment (subscription enrollmentChanges).")
public enum EnrollmentChangeKind {
    @Description("A new enrollment in the centre.")
    ENROLLED,
    @Description("A new enrollment in the centre, continuing one transferred from another centre.")
    TRANSFERRED_IN,
    @Description("The status changed to ENROLLED or ACTIVE.")
    STATUS_CHANGED,
    @Description("The learner left the programme: COMPLETED or DROPPED_OUT.")
    EXITED,
    @Description("The enrollment ended by a transfer to another centre (status TRANSFERRED).")
    TRANSFERRED_OUT
}
