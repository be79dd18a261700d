package ma.forsa.outcome;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import ma.forsa.enrollment.Enrollment;
import ma.forsa.enrollment.EnrollmentQueries;
import ma.forsa.security.AccessScope;
import ma.forsa.security.CurrentAccess;

@GraphQLApi
public class OutcomeApi {

    private final CurrentAccess access;
    private final OutcomeService service;
    private final OutcomeQueries outcomes;
    private final EnrollmentQueries enrollments;

    @Inject
    public OutcomeApi(CurrentAccess access, OutcomeService service, OutcomeQueries outcomes, EnrollmentQueries enrollments) {
        this.access = access;
        this.service = service;
        this.outcomes = outcomes;
        this.enrollments = enrollments;
    }

    @Mutation("recordOutcome")
    @Description("Records what became of a learner who left (COMPLETED or DROPPED_OUT enrollment): one outcome per "
            + "follow-up month (0 at exit, 3, 6, 12), observed on or after the exit date.")
    public Uni<@NonNull Outcome> recordOutcome(@NonNull OutcomeInput input) {
        AccessScope scope = access.require();
        return service.record(scope, OutcomeService.NewOutcome.of(input, LocalDate.now()));
    }

    public Uni<@NonNull List<@NonNull List<@NonNull Outcome>>> outcomes(@Source List<Enrollment> list) {
        access.require();
        return outcomes.byEnrollments(list.stream().map(Enrollment::uuid).toList())
                .map(byId -> list.stream().map(e -> byId.getOrDefault(e.uuid(), List.of())).toList());
    }

    public Uni<@NonNull List<@NonNull Enrollment>> enrollment(@Source List<Outcome> list) {
        access.require();
        List<UUID> ids = list.stream().map(Outcome::enrollmentId).toList();
        return enrollments.byIds(ids).map(byId -> ids.stream().map(byId::get).toList());
    }
}
