package ma.forsa.outcome;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.Clocks;
import ma.forsa.common.Constraints;
import ma.forsa.enrollment.Enrollment;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

@GraphQLApi
public class OutcomeApi {

    private final CurrentAccess access;
    private final OutcomeService service;
    private final OutcomeRepository outcomes;
    private final Clock clock;

    @Inject
    public OutcomeApi(CurrentAccess access, OutcomeService service, OutcomeRepository outcomes, Clock clock) {
        this.access = access;
        this.service = service;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @Mutation("recordOutcome")
    @Description("Records what became of a learner who left (COMPLETED or DROPPED_OUT enrollment): one outcome per "
            + "follow-up month (0 at exit, 3, 6, 12), observed on or after the exit date.")
    @Requires(Action.WRITE_OUTCOMES)
    public Uni<@NonNull Outcome> recordOutcome(@Name("input") @NonNull OutcomeInput input) {
        AccessScope scope = access.require();
        return service.record(scope, OutcomeRules.validate(input, Clocks.today(clock)).orThrow(scope.locale()))
                .onFailure().transform(Constraints::translate);
    }

    public Uni<@NonNull List<@NonNull List<@NonNull Outcome>>> outcomes(@Source List<Enrollment> list) {
        return outcomes.byEnrollments(list.stream().map(Enrollment::uuid).toList())
                .map(by -> list.stream().map(e -> by.getOrDefault(e.uuid(), List.of())).toList());
    }

    public Uni<@NonNull List<@NonNull Enrollment>> enrollment(@Source List<Outcome> list) {
        List<UUID> ids = list.stream().map(Outcome::enrollmentId).toList();
        return outcomes.enrollments(ids).map(by -> ids.stream().map(by::get).toList());
    }
}
