package ma.forsa.outcome;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("OutcomeInput")
public record OutcomeInput(@NonNull @Id String enrollmentId, @NonNull OutcomeKind kind, @NonNull LocalDate observedOn,
        int followUpMonth, String organization, Boolean verified) {
}
