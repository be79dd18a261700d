package ma.forsa.association;

import java.util.List;

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
import ma.forsa.common.ApiException;
import ma.forsa.common.Constraints;
import ma.forsa.common.Ids;
import ma.forsa.common.graphql.Selection;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.security.AccessScope;
import ma.forsa.reference.Province;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

@GraphQLApi
public class AssociationApi {

    private final CurrentAccess access;
    private final AssociationRepository associations;
    private final AssociationService service;
    private final ReferenceData referenceData;
    private final Selection selection;

    @Inject
    public AssociationApi(CurrentAccess access, AssociationRepository associations, AssociationService service,
            ReferenceData referenceData, Selection selection) {
        this.access = access;
        this.associations = associations;
        this.service = service;
        this.referenceData = referenceData;
        this.selection = selection;
    }

    @Query("association")
    @Description("An association the caller may see; NOT_FOUND otherwise.")
    @Requires(Action.READ_PARTNERS)
    public Uni<Association> association(@Name("id") @NonNull @Id String id) {
        return associations.byId(access.require(), Ids.parse(id, "Association"))
                .map(ApiException.orNotFound("Association", id));
    }

    @Query("associations")
    @Description("Associations the caller may see (ACADEMY_OFFICER: those of its academy; ASSOCIATION_STAFF: its own), ordered by "
            + "name unless orderBy says otherwise. first defaults to " + PageRequest.DEFAULT_FIRST + " (at most "
            + PageRequest.MAX_FIRST + "); after is the endCursor of the previous page.")
    @Requires(Action.READ_PARTNERS)
    public Uni<@NonNull AssociationConnection> associations(@Name("first") Integer first, @Name("after") String after,
            @Name("filter") AssociationFilter filter, @Name("orderBy") AssociationOrder orderBy) {
        AccessScope scope = access.require();
        PageRequest page = PageRequest.of(first, after);
        Uni<Integer> total = selection.wants("totalCount") ? associations.count(scope, filter) : Uni.createFrom().item(0);
        return Uni.combine().all().unis(associations.page(scope, filter, orderBy, page), total).asTuple().map(t -> {
            Keyset.Page<AssociationEdge> p = Keyset.edges(t.getItem1(), page, Association::id, AssociationEdge::new);
            return new AssociationConnection(p.edges(), p.info(), t.getItem2());
        });
    }

    @Mutation("createAssociation")
    @Description("ADMIN anywhere; ACADEMY_OFFICER for an association based in a province of its academy.")
    @Requires(Action.MANAGE_ASSOCIATIONS)
    public Uni<@NonNull Association> createAssociation(@Name("input") @NonNull AssociationInput input) {
        return service.create(access.require(), input).onFailure().transform(Constraints::translate);
    }

    @Mutation("updateAssociation")
    @Description("Replaces the association's details; version is the one you read (CONFLICT when stale).")
    @Requires(Action.MANAGE_ASSOCIATIONS)
    public Uni<@NonNull Association> updateAssociation(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("input") @NonNull AssociationInput input) {
        return service.update(access.require(), Ids.parse(id, "Association"), version, input)
                .onFailure().transform(Constraints::translate);
    }

    @Mutation("transitionAssociation")
    @Description("ACTIVE ↔ SUSPENDED, then DISSOLVED (final). SUSPENDED and DISSOLVED need a reason. Staff of a SUSPENDED "
            + "association may only read; staff of a DISSOLVED one have no access to learners.")
    @Requires(Action.MANAGE_ASSOCIATIONS)
    public Uni<@NonNull Association> transitionAssociation(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("to") @NonNull AssociationStatus to, @Name("reason") String reason) {
        return service.transition(access.require(), Ids.parse(id, "Association"), version, to, reason)
                .onFailure().transform(Constraints::translate);
    }

    public Uni<@NonNull List<@NonNull Province>> province(@Source List<Association> list) {
        return referenceData.get().map(s -> list.stream().map(a -> s.province(a.provinceCode()).orElseThrow()).toList());
    }
}
