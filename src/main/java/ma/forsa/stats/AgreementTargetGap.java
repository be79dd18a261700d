package ma.forsa.stats;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.agreement.Agreement;

/** An agreement in force with where it stands against its targets. */
@Type("AgreementTargetGap")
@Description("An agreement in force that is behind its beneficiary target (pro rata of its elapsed term) or its "
        + "integration target.")
public record AgreementTargetGap(@NonNull Agreement agreement, int enrolled,
        @Description("targetBeneficiaries x the elapsed share of the term, rounded up.") int expectedBeneficiaries,
        int targetBeneficiaries, int leavers, int integrated, Double integrationRate, Double targetIntegrationRate,
        boolean behindBeneficiaries, boolean behindIntegration) {
}
