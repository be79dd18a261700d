package ma.forsa.association;

import java.util.List;
import java.util.UUID;

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
import ma.forsa.agreement.Agreement;
import ma.forsa.agreement.AgreementQueries;
import ma.forsa.center.Center;
import ma.forsa.center.CenterQueries;
import ma.forsa.common.ApiException;
import ma.forsa.common.Constraints;
import ma.forsa.common.Ids;
import ma.forsa.reference.Province;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.security.CurrentAccess;

@GraphQLApi
public class AssociationApi {

    private final CurrentAccess access;
    private final AssociationQueries queries;
    private final AssociationService service;
    private final CenterQueries centers;
    private final AgreementQueries agreements;
    private final ReferenceData referenceData;

    @Inject
    public AssociationApi(CurrentAccess access, AssociationQueries queries, AssociationService service, CenterQueries centers,
            AgreementQueries agreements, ReferenceData referenceData) {
        this.access = access;
        this.queries = queries;
        this.service = service;
        this.centers = centers;
        this.agreements = agreements;
        this.referenceData = referenceData;
    }

    @Query("association")
    @Description("An association the caller may see; NOT_FOUND otherwise.")
    public Uni<Association> association(@Name("id") @NonNull @Id String id) {
        AccessScope scope = access.require();
        UUID uuid = Ids.parse(id, "Association");
        return queries.byId(scope, uuid).map(ApiException.orNotFound("Association", id));
    }

    @Mutation("createAssociation")
    @Description("ADMIN anywhere; ACADEMY_OFFICER for an association based in a province of its academy.")
    public Uni<@NonNull Association> createAssociation(@Name("input") @NonNull AssociationInput input) {
        AccessScope scope = access.require();
        return service.create(scope, input).onFailure().transform(Constraints::translate);
    }

    @Mutation("updateAssociation")
    @Description("Replaces the association's details; version is the one you read (CONFLICT when stale).")
    public Uni<@NonNull Association> updateAssociation(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("input") @NonNull AssociationInput input) {
        AccessScope scope = access.require();
        return service.update(scope, id, version, input).onFailure().transform(Constraints::translate);
    }

    @Mutation("transitionAssociation")
    @Description("ACTIVE ↔ SUSPENDED, then DISSOLVED (final). SUSPENDED and DISSOLVED need a reason.")
    public Uni<@NonNull Association> transitionAssociation(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("to") @NonNull AssociationStatus to, @Name("reason") String reason) {
        AccessScope scope = access.require();
        return service.transition(scope, id, version, to, reason).onFailure().transform(Constraints::translate);
    }

    public Uni<@NonNull List<@NonNull Province>> province(@Source List<Association> associations) {
        return referenceData.get().map(s -> associations.stream().map(a -> s.province(a.provinceCode()).orElseThrow()).toList());
    }

    @Description("The association's centres that the caller may see, by code.")
    public Uni<@NonNull List<@NonNull List<@NonNull Center>>> centers(@Source List<Association> associations) {
        AccessScope scope = access.require();
        return centers.ofAssociations(scope, associations.stream().map(Association::uuid).distinct().toList())
                .map(by -> associations.stream().map(a -> by.getOrDefault(a.id(), List.of())).toList());
    }

    @Description("The association's agreements that the caller may see, by reference.")
    public Uni<@NonNull List<@NonNull List<@NonNull Agreement>>> agreements(@Source List<Association> associations) {
        AccessScope scope = access.require();
        return agreements.ofAssociations(scope, associations.stream().map(Association::uuid).distinct().toList())
                .map(by -> associations.stream().map(a -> by.getOrDefault(a.id(), List.of())).toList());
    }
}
