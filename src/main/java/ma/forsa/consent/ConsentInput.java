package ma.forsa.consent;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ConsentInput")
@Description("A consent given for a learner: by its guardian, or by the learner once of age; on a date; for purposes.")
public record ConsentInput(@NonNull @Id String learnerId, @NonNull ConsentGiver givenBy, @NonNull LocalDate givenOn,
        @NonNull List<@NonNull ConsentPurpose> purposes) {
}
