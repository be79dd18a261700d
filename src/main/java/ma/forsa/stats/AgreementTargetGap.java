package ma.forsa.stats;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.agreement.Agreement;

/** An agreement in force with where it stands against its targets (counts null where withheld from MINISTRY). */
@Type("AgreementTargetGap")
@Description("An agreement in force that is behind its beneficiary target (pro rata of its elapsed term) or its "
        + "integration target. For MINISTRY the counts go through the disclosure rule: null where withheld (suppressed).")
public record AgreementTargetGap(@NonNull Agreement agreement, Integer enrolled,
        @Description("targetBeneficiaries x the elapsed share of the term, rounded up.") int expectedBeneficiaries,
        int targetBeneficiaries, Integer leavers, Integer integrated, Double integrationRate, Double targetIntegrationRate,
        @Description("enrolled < expectedBeneficiaries. MINISTRY, enrolled withheld: true when at least the disclosure "
                + "threshold was expected (a withheld count is below it), null otherwise.") Boolean behindBeneficiaries,
        @Description("integrationRate < targetIntegrationRate; null when the rate is withheld.") Boolean behindIntegration,
        @Description("True when a count above is withheld from the viewer.") boolean suppressed) {
}
