package ma.forsa.referral;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ReferralEdge")
public record ReferralEdge(@NonNull String cursor, @NonNull Referral node) {
}
