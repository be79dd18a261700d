package ma.forsa.agreement;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** How far an agreement has come, from the statistics roll-up of its enrollments and its paid tranches. */
@Type("AgreementProgress")
public record AgreementProgress(
        @Description("Enrollments counting towards the agreement (those closed by a transfer excluded).") int enrolled,
        @Description("Open enrollments (ENROLLED or ACTIVE).") int active,
        int completed, int droppedOut,
        @Description("Leavers whose outcome at their latest follow-up is neither NOT_INTEGRATED nor UNKNOWN.") int integrated,
        @Description("integrated / (completed + droppedOut); null while nobody has left.") Double integrationRate,
        @Description("enrolled / targetBeneficiaries; null when the target is 0.") Double beneficiaryTargetReached,
        @Description("Sum of the PAID tranches, in MAD.") @NonNull BigDecimal disbursed) {

    static AgreementProgress of(AgreementRepository.Figures f) {
        int leavers = f.completed() + f.droppedOut();
        return new AgreementProgress(f.enrolled(), f.active(), f.completed(), f.droppedOut(), f.integrated(),
                leavers == 0 ? null : (double) f.integrated() / leavers,
                f.targetBeneficiaries() == 0 ? null : (double) f.enrolled() / f.targetBeneficiaries(), f.disbursed());
    }
}
