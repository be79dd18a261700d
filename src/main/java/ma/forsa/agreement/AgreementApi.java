package ma.forsa.agreement;

import java.time.LocalDate;
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
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import ma.forsa.association.Association;
import ma.forsa.association.AssociationQueries;
import ma.forsa.center.Center;
import ma.forsa.center.CenterQueries;
import ma.forsa.common.ApiException;
import ma.forsa.common.Constraints;
import ma.forsa.common.Ids;
import ma.forsa.common.PageRequest;
import ma.forsa.reference.Academy;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.security.CurrentAccess;

@GraphQLApi
public class AgreementApi {

    private final CurrentAccess access;
    private final AgreementQueries queries;
    private final AgreementService service;
    private final AssociationQueries associations;
    private final CenterQueries centers;
    private final ReferenceData referenceData;

    @Inject
    public AgreementApi(CurrentAccess access, AgreementQueries queries, AgreementService service, AssociationQueries associations,
            CenterQueries centers, ReferenceData referenceData) {
        this.access = access;
        this.queries = queries;
        this.service = service;
        this.associations = associations;
        this.centers = centers;
        this.referenceData = referenceData;
    }

    @Query("agreements")
    @Description("Agreements the caller may see, ordered by reference. first defaults to " + PageRequest.DEFAULT_FIRST
            + " and is capped at " + PageRequest.MAX_FIRST + "; after is the endCursor of the previous page.")
    public Uni<@NonNull AgreementConnection> agreements(@Name("first") Integer first, @Name("after") String after,
            @Name("filter") AgreementFilter filter) {
        AccessScope scope = access.require();
        return queries.page(scope, filter, first, after);
    }

    @Query("agreement")
    @Description("An agreement the caller may see; NOT_FOUND otherwise.")
    public Uni<Agreement> agreement(@Name("id") @NonNull @Id String id) {
        AccessScope scope = access.require();
        UUID uuid = Ids.parse(id, "Agreement");
        return queries.byId(scope, uuid).map(ApiException.orNotFound("Agreement", id));
    }

    @Mutation("createAgreement")
    @Description("Creates a DRAFT agreement. ADMIN; ACADEMY_OFFICER in its academy; MINISTRY for FRAMEWORK agreements.")
    public Uni<@NonNull Agreement> createAgreement(@Name("input") @NonNull AgreementInput input) {
        AccessScope scope = access.require();
        return service.create(scope, input).onFailure().transform(Constraints::translate);
    }

    @Mutation("updateAgreement")
    @Description("Edits a DRAFT agreement in place (signed ones change through amendAgreement). centerIds null keeps the coverage.")
    public Uni<@NonNull Agreement> updateAgreement(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("input") @NonNull AgreementInput input) {
        AccessScope scope = access.require();
        return service.update(scope, id, version, input).onFailure().transform(Constraints::translate);
    }

    @Mutation("transitionAgreement")
    @Description("DRAFT → SIGNED (signedOn = on, default today) → ACTIVE ↔ SUSPENDED → TERMINATED. SUSPENDED and TERMINATED "
            + "need a reason. EXPIRED follows from the end date and cannot be requested.")
    public Uni<@NonNull Agreement> transitionAgreement(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("to") @NonNull AgreementStatus to, @Name("on") LocalDate on, @Name("reason") String reason) {
        AccessScope scope = access.require();
        return service.transition(scope, id, version, to, on, reason).onFailure().transform(Constraints::translate);
    }

    @Mutation("amendAgreement")
    @Description("Records a signed amendment to a signed agreement, changing its end date, budget, targets or centres; the "
            + "replaced values are kept in the amendment.")
    public Uni<@NonNull Agreement> amendAgreement(@Name("agreementId") @NonNull @Id String agreementId, @Name("version") int version,
            @Name("input") @NonNull AmendmentInput input) {
        AccessScope scope = access.require();
        return service.amend(scope, agreementId, version, input).onFailure().transform(Constraints::translate);
    }

    @Mutation("addTranche")
    @Description("Plans a tranche; planned and paid tranches cannot total more than the budget.")
    public Uni<@NonNull Agreement> addTranche(@Name("agreementId") @NonNull @Id String agreementId, @Name("version") int version,
            @Name("input") @NonNull TrancheInput input) {
        AccessScope scope = access.require();
        return service.addTranche(scope, agreementId, version, input).onFailure().transform(Constraints::translate);
    }

    @Mutation("recordTranchePayment")
    @Description("Marks a PLANNED tranche PAID. version (the tranche's) is checked when given.")
    public Uni<@NonNull Tranche> recordTranchePayment(@Name("trancheId") @NonNull @Id String trancheId,
            @Name("paidOn") @NonNull LocalDate paidOn, @Name("version") Integer version) {
        AccessScope scope = access.require();
        return service.recordPayment(scope, trancheId, paidOn, version).onFailure().transform(Constraints::translate);
    }

    @Mutation("withholdTranche")
    @Description("Marks a PLANNED tranche WITHHELD (it will not be paid); a reason is required.")
    public Uni<@NonNull Tranche> withholdTranche(@Name("trancheId") @NonNull @Id String trancheId, @Name("version") Integer version,
            @Name("reason") @NonNull String reason) {
        AccessScope scope = access.require();
        return service.withhold(scope, trancheId, version, reason).onFailure().transform(Constraints::translate);
    }

    public Uni<@NonNull List<@NonNull Academy>> academy(@Source List<Agreement> agreements) {
        return referenceData.get().map(s -> agreements.stream().map(g -> s.academy(g.academyCode()).orElseThrow()).toList());
    }

    public Uni<@NonNull List<@NonNull Association>> association(@Source List<Agreement> agreements) {
        return associations.byIds(agreements.stream().map(g -> UUID.fromString(g.associationId())).distinct().toList())
                .map(found -> {
                    Map<String, Association> byId = found.stream().collect(Collectors.toMap(Association::id, Function.identity()));
                    return agreements.stream().map(g -> byId.get(g.associationId())).toList();
                });
    }

    @Description("Centres covered by the agreement that the caller may see, by code.")
    public Uni<@NonNull List<@NonNull List<@NonNull Center>>> centers(@Source List<Agreement> agreements) {
        AccessScope scope = access.require();
        return centers.ofAgreements(scope, ids(agreements))
                .map(by -> agreements.stream().map(g -> by.getOrDefault(g.id(), List.of())).toList());
    }

    public Uni<@NonNull List<@NonNull List<@NonNull Tranche>>> tranches(@Source List<Agreement> agreements) {
        return queries.tranches(ids(agreements)).map(by -> agreements.stream().map(g -> by.getOrDefault(g.id(), List.of())).toList());
    }

    public Uni<@NonNull List<@NonNull List<@NonNull Amendment>>> amendments(@Source List<Agreement> agreements) {
        return queries.amendments(ids(agreements))
                .map(by -> agreements.stream().map(g -> by.getOrDefault(g.id(), List.of())).toList());
    }

    public Uni<@NonNull List<@NonNull AgreementProgress>> progress(@Source List<Agreement> agreements) {
        return queries.progress(ids(agreements)).map(by -> agreements.stream().map(g -> by.get(g.id())).toList());
    }

    private static List<UUID> ids(List<Agreement> agreements) {
        return agreements.stream().map(Agreement::uuid).distinct().toList();
    }
}
