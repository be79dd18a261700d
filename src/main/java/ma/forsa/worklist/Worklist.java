package ma.forsa.worklist;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The caller's worklist (GraphQL type): its fields are resolved by {@link WorklistApi}, each list on demand. */
@Type("Worklist")
@Description("What the caller's scope has to do next: counts per kind and one connection per kind, by due date.")
public record Worklist(@Description("The day the lists are computed for.") @NonNull LocalDate asOf, @Ignore UUID centerId,
        @Ignore UUID associationId) {
}
