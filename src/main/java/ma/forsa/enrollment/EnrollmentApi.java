package ma.forsa.enrollment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.agreement.Agreement;
import ma.forsa.center.Center;
import ma.forsa.common.ApiException;
import ma.forsa.common.Ids;
import ma.forsa.learner.Learner;
import ma.forsa.learner.LearnerQueries;
import ma.forsa.learner.LearnerView;
import ma.forsa.learner.Reads;
import ma.forsa.security.AccessScope;
import ma.forsa.security.CurrentAccess;

@GraphQLApi
public class EnrollmentApi {

    private final CurrentAccess access;
    private final EnrollmentService service;
    private final EnrollmentQueries enrollments;
    private final LearnerQueries learners;
    private final Reads reads;

    @Inject
    public EnrollmentApi(CurrentAccess access, EnrollmentService service, EnrollmentQueries enrollments,
            LearnerQueries learners, Reads reads) {
        this.access = access;
        this.service = service;
        this.enrollments = enrollments;
        this.learners = learners;
        this.reads = reads;
    }

    @Mutation("enroll")
    @Description("Enrolls a learner in a centre for a school year. Refused when the learner is outside the eligible ages "
            + "on enrolledOn, already has an open enrollment, the centre is not OPEN, the centre is full (unless "
            + "overrideCapacity), or the agreement does not cover the centre on that date.")
    public Uni<@NonNull Enrollment> enroll(@NonNull EnrollInput input) {
        AccessScope scope = access.require();
        return service.enroll(scope, EnrollInputs.validate(input));
    }

    @Mutation("transitionEnrollment")
    @Description("ENROLLED -> ACTIVE -> COMPLETED or DROPPED_OUT (ENROLLED -> DROPPED_OUT for a learner who never came). "
            + "For COMPLETED and DROPPED_OUT, on is the exit date and reason the exit reason.")
    public Uni<@NonNull Enrollment> transitionEnrollment(@NonNull @Id String id, int version, @NonNull EnrollmentStatus to,
            @NonNull LocalDate on, String reason) {
        AccessScope scope = access.require();
        UUID enrollment = Ids.parse(id, "enrollment");
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw ApiException.validation("reason", "reason must be at most 500 characters.");
        }
        return service.transition(scope, enrollment, version, to, on, why);
    }

    @Mutation("transferEnrollment")
    @Description("Closes the open enrollment as TRANSFERRED on the given date and opens one in the receiving centre "
            + "(same school year and strands), all or nothing. Returns the new enrollment.")
    public Uni<@NonNull Enrollment> transferEnrollment(@NonNull @Id String id, int version, @NonNull @Id String toCenterId,
            @NonNull LocalDate on,
            @Description("Accept the transfer even when the receiving centre is full (recorded and audited).") Boolean overrideCapacity) {
        AccessScope scope = access.require();
        UUID enrollment = Ids.parse(id, "enrollment");
        UUID center = Ids.parseInput(toCenterId, "toCenterId");
        return service.transfer(scope, enrollment, version, center, on, Boolean.TRUE.equals(overrideCapacity));
    }

    @Description("The centre's enrollments the caller may see, newest first.")
    public Uni<@NonNull List<@NonNull EnrollmentConnection>> enrollments(@Source List<Center> centers, Integer first,
            String after, EnrollmentFilter filter) {
        AccessScope scope = access.require();
        List<UUID> ids = centers.stream().map(Center::uuid).toList();
        return enrollments.pageByCenters(scope, ids, first, after, filter)
                .map(pages -> ids.stream().map(pages::get).toList());
    }

    public Uni<@NonNull List<@NonNull Learner>> learner(@Source List<Enrollment> list) {
        AccessScope scope = access.require();
        return learners.byIds(list.stream().map(Enrollment::learnerId).toList())
                .map(rows -> list.stream().map(e -> LearnerView.of(rows.get(e.learnerId()), scope)).toList());
    }

    public Uni<@NonNull List<@NonNull Center>> center(@Source List<Enrollment> list) {
        access.require();
        return byId("SELECT " + Center.COLUMNS + " FROM center c WHERE c.id = ANY($1)",
                list.stream().map(Enrollment::centerId).toList(), Center::from, Center::uuid)
                .map(byId -> list.stream().map(e -> byId.get(e.centerId())).toList());
    }

    public Uni<List<Agreement>> agreement(@Source List<Enrollment> list) {
        access.require();
        List<UUID> ids = list.stream().map(Enrollment::agreementId).filter(a -> a != null).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(list.stream().map(e -> (Agreement) null).toList());
        }
        return byId("SELECT " + Agreement.COLUMNS + " FROM agreement g WHERE g.id = ANY($1)", ids, Agreement::from,
                Agreement::uuid)
                .map(byId -> list.stream().map(e -> e.agreementId() == null ? null : byId.get(e.agreementId())).toList());
    }

    private <T> Uni<Map<UUID, T>> byId(String sql, List<UUID> ids,
            Function<Row, T> mapper, Function<T, UUID> key) {
        return reads.query(sql, Tuple.of(ids.stream().distinct().toArray(UUID[]::new))).map(rows -> {
            List<T> all = new ArrayList<>();
            rows.forEach(r -> all.add(mapper.apply(r)));
            return all.stream().collect(Collectors.toMap(key, Function.identity()));
        });
    }
}
