package ma.forsa.referral;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.enrollment.Strand;

/** What a referral shares of the learner with the receiving association before it accepts. */
@Type("ReferralLearner")
@Description("What a referral shares of the learner: first name (under a consent to sharing on referral, to who sees "
        + "identities; to the receiving side while the proposal is open or once accepted), age today, strands.")
public record ReferralLearner(String firstName, int age, @NonNull List<@NonNull Strand> strands) {
}
