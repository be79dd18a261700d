package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A signed change to a signed agreement. Leave a term null to keep it. */
@Input("AmendmentInput")
public record AmendmentInput(@NonNull LocalDate signedOn, @NonNull String summary, LocalDate endsOn, BigDecimal budget,
        Integer targetBeneficiaries, Double targetIntegrationRate,
        @Description("When given, replaces the centres covered.") @Id @io.smallrye.graphql.api.Nullable List<@NonNull String> centerIds) {
}
