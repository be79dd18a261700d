package ma.forsa.referral;

import java.util.List;

import org.eclipse.microprofile.graphql.Input;

@Input("ReferralFilter")
public record ReferralFilter(ReferralDirection direction, List<ReferralStatus> status) {
}
