package ma.forsa.learner;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.Ids;
import ma.forsa.enrollment.Enrollment;
import ma.forsa.enrollment.EnrollmentQueries;
import ma.forsa.reference.Province;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.security.CurrentAccess;

@GraphQLApi
public class LearnerApi {

    private final CurrentAccess access;
    private final LearnerQueries queries;
    private final LearnerService service;
    private final EnrollmentQueries enrollments;
    private final ReferenceData referenceData;

    @Inject
    public LearnerApi(CurrentAccess access, LearnerQueries queries, LearnerService service, EnrollmentQueries enrollments,
            ReferenceData referenceData) {
        this.access = access;
        this.queries = queries;
        this.service = service;
        this.enrollments = enrollments;
        this.referenceData = referenceData;
    }

    @Query("learners")
    @Description("Learners the caller may see, by normalised name (pseudonymised viewers: by id).")
    public Uni<@NonNull LearnerConnection> learners(Integer first, String after, LearnerFilter filter) {
        AccessScope scope = access.require();
        return queries.page(scope, filter, first, after);
    }

    @Query("learner")
    public Uni<Learner> learner(@NonNull @Id String id) {
        AccessScope scope = access.require();
        UUID uuid = Ids.parse(id, "learner");
        return queries.byId(scope, uuid).map(found -> LearnerView.of(found.orElseThrow(() -> ApiException.notFound("learner", id)),
                scope));
    }

    @Query("learnerByMassarCode")
    @Description("The learner with this MASSAR code, when the caller may see them. Not available to pseudonymised viewers.")
    public Uni<Learner> learnerByMassarCode(@NonNull String massarCode) {
        AccessScope scope = access.require();
        if (!scope.seesLearnerIdentity()) {
            throw ApiException.forbidden("Your role sees learners pseudonymised and cannot look them up by MASSAR code.");
        }
        String code = LearnerInputs.massarCode(massarCode);
        if (code == null || !LearnerInputs.MASSAR.matcher(code).matches()) {
            throw ApiException.validation("massarCode", "massarCode must be one letter followed by 9 digits, e.g. J130012345.");
        }
        return queries.byMassarCode(scope, code).map(found -> LearnerView.of(
                found.orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                        "No learner with MASSAR code " + code + " exists.")), scope));
    }

    @Mutation("registerLearner")
    @Description("Registers a learner. Refused as DUPLICATE_SUSPECTED when the MASSAR code is already registered (always), "
            + "or when a learner with the same birth date and the same or a close name exists (unless "
            + "confirmNotDuplicate: true).")
    public Uni<@NonNull Learner> registerLearner(@NonNull LearnerInput input, Boolean confirmNotDuplicate) {
        AccessScope scope = access.require();
        return referenceData.get().chain(reference -> service.register(scope,
                LearnerInputs.validate(input, reference, LocalDate.now()), Boolean.TRUE.equals(confirmNotDuplicate)));
    }

    @Mutation("updateLearner")
    @Description("Replaces the learner's fields; version is the one read (CONFLICT when someone changed it since).")
    public Uni<@NonNull Learner> updateLearner(@NonNull @Id String id, int version, @NonNull LearnerInput input) {
        AccessScope scope = access.require();
        UUID uuid = Ids.parse(id, "learner");
        return referenceData.get().chain(reference -> service.update(scope, uuid, version,
                LearnerInputs.validate(input, reference, LocalDate.now())));
    }

    public Uni<@NonNull List<@NonNull List<@NonNull Enrollment>>> enrollments(@Source List<Learner> learners) {
        AccessScope scope = access.require();
        List<UUID> ids = learners.stream().map(l -> UUID.fromString(l.id())).toList();
        return enrollments.byLearners(scope, ids).map(byLearner -> ids.stream()
                .map(id -> byLearner.getOrDefault(id, List.of())).toList());
    }

    public Uni<List<Province>> provinceOfResidence(@Source List<Learner> learners) {
        return referenceData.get().map(s -> learners.stream()
                .map(l -> s.province(l.provinceOfResidenceCode()).orElse(null)).toList());
    }
}
