package ma.forsa.agreement;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.security.Disclosure;

/**
 * How far an agreement has come, from the statistics roll-up of its enrollments and its paid tranches. The counts are
 * nullable: MINISTRY sees them through the disclosure rule (security/Disclosure), null where withheld.
 */
@Type("AgreementProgress")
public record AgreementProgress(
        @Description("Enrollments counting towards the agreement (those closed by a transfer excluded). Null when "
                + "withheld from the viewer (suppressed).") Integer enrolled,
        @Description("Open enrollments (ENROLLED or ACTIVE). Null when withheld (suppressed).") Integer active,
        @Description("Null when withheld (suppressed).") Integer completed,
        @Description("Null when withheld (suppressed).") Integer droppedOut,
        @Description("Leavers whose outcome at their latest follow-up is neither NOT_INTEGRATED nor UNKNOWN. Null when "
                + "withheld (suppressed).") Integer integrated,
        @Description("integrated / (completed + droppedOut); null while nobody has left, or when withheld.") Double integrationRate,
        @Description("enrolled / targetBeneficiaries; null when the target is 0, or when enrolled is withheld.") Double beneficiaryTargetReached,
        @Description("Sum of the PAID tranches, in MAD.") @NonNull BigDecimal disbursed,
        @Description("True when a count above is withheld from the viewer (MINISTRY: fewer learners than the disclosure "
                + "threshold, or a figure the others would give away).") boolean suppressed) {

    static AgreementProgress of(AgreementRepository.Figures f) {
        return of(f, Disclosure.Shown.ALL);
    }

    /** The progress with what the disclosure rule withholds left out. */
    static AgreementProgress of(AgreementRepository.Figures f, Disclosure.Shown shown) {
        int leavers = f.completed() + f.droppedOut();
        boolean sub = shown.enrolled() && shown.subFigures();
        return new AgreementProgress(shown.enrolled() ? f.enrolled() : null, sub ? f.active() : null,
                sub ? f.completed() : null, sub ? f.droppedOut() : null, sub ? f.integrated() : null,
                !sub || leavers == 0 ? null : (double) f.integrated() / leavers,
                !shown.enrolled() || f.targetBeneficiaries() == 0 ? null : (double) f.enrolled() / f.targetBeneficiaries(),
                f.disbursed(), shown.suppressed());
    }

    /** The figures the disclosure rule judges. */
    static Disclosure.Figures figures(AgreementRepository.Figures f) {
        return Disclosure.Figures.of(f.enrolled(), f.active(), f.completed(), f.droppedOut(), f.integrated());
    }
}
