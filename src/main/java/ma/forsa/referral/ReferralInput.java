package ma.forsa.referral;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ReferralInput")
@Description("A proposal to move an open enrollment to a centre of another association.")
public record ReferralInput(@NonNull @Id String enrollmentId,
        @Description("The code of the receiving centre (another association's).") @NonNull String toCenterCode,
        @Description("Why the learner should move: read by the receiving association; write what it needs to decide, "
                + "nothing more (10 to 500 characters).") @NonNull String reason,
        @Description("When the learner would move (inside the enrollment's school year).") @NonNull LocalDate proposedOn) {
}
