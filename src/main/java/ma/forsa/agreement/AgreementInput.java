package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("AgreementInput")
public record AgreementInput(@NonNull String reference, @NonNull AgreementKind kind, @NonNull @Id String academyCode,
        @NonNull @Id String associationId, @NonNull LocalDate startsOn, @NonNull LocalDate endsOn, @NonNull BigDecimal budget,
        int targetBeneficiaries, Double targetIntegrationRate,
        @Description("Centres covered: centres of the agreement's association in its academy. On update, null keeps the "
                + "current coverage.") @Id @io.smallrye.graphql.api.Nullable List<@NonNull String> centerIds) {
}
