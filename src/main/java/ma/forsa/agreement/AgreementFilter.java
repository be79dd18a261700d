package ma.forsa.agreement;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("AgreementFilter")
public record AgreementFilter(@Id String academyCode, @Id String associationId,
        @Description("Matches the status callers see (EXPIRED once past the end date).") @io.smallrye.graphql.api.Nullable List<@NonNull AgreementStatus> status,
        @Description("Agreements whose end date is strictly before this date.") LocalDate endsBefore,
        @Description("Part of the reference or of the association's name, case ignored (at most 100 characters).") String search) {
}
