package ma.forsa.center;

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
import ma.forsa.common.ApiException;
import ma.forsa.common.Constraints;
import ma.forsa.common.Ids;
import ma.forsa.common.PageRequest;
import ma.forsa.reference.Province;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.security.CurrentAccess;

@GraphQLApi
public class CenterApi {

    private final CurrentAccess access;
    private final CenterQueries queries;
    private final CenterService service;
    private final AssociationQueries associations;
    private final ReferenceData referenceData;

    @Inject
    public CenterApi(CurrentAccess access, CenterQueries queries, CenterService service, AssociationQueries associations,
            ReferenceData referenceData) {
        this.access = access;
        this.queries = queries;
        this.service = service;
        this.associations = associations;
        this.referenceData = referenceData;
    }

    @Query("centers")
    @Description("Centres the caller may see, ordered by code. first defaults to " + PageRequest.DEFAULT_FIRST + " and is capped at "
            + PageRequest.MAX_FIRST + "; after is the endCursor of the previous page.")
    public Uni<@NonNull CenterConnection> centers(@Name("first") Integer first, @Name("after") String after,
            @Name("filter") CenterFilter filter) {
        AccessScope scope = access.require();
        return queries.page(scope, filter, first, after);
    }

    @Query("center")
    @Description("A centre the caller may see; NOT_FOUND otherwise.")
    public Uni<Center> center(@Name("id") @NonNull @Id String id) {
        AccessScope scope = access.require();
        UUID uuid = Ids.parse(id, "Center");
        return queries.byId(scope, uuid).map(ApiException.orNotFound("Center", id));
    }

    @Mutation("createCenter")
    @Description("ADMIN anywhere; ACADEMY_OFFICER in a province of its academy.")
    public Uni<@NonNull Center> createCenter(@Name("input") @NonNull CenterInput input) {
        AccessScope scope = access.require();
        return service.create(scope, input).onFailure().transform(Constraints::translate);
    }

    @Mutation("updateCenter")
    @Description("Replaces the centre's details; the association cannot change, the province only within the same academy.")
    public Uni<@NonNull Center> updateCenter(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("input") @NonNull CenterInput input) {
        AccessScope scope = access.require();
        return service.update(scope, id, version, input).onFailure().transform(Constraints::translate);
    }

    @Mutation("transitionCenter")
    @Description("OPEN ↔ SUSPENDED, then CLOSED (final, only without open enrollments). SUSPENDED and CLOSED need a reason.")
    public Uni<@NonNull Center> transitionCenter(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("to") @NonNull CenterStatus to, @Name("reason") String reason) {
        AccessScope scope = access.require();
        return service.transition(scope, id, version, to, reason).onFailure().transform(Constraints::translate);
    }

    public Uni<@NonNull List<@NonNull Association>> association(@Source List<Center> centers) {
        return associations.byIds(centers.stream().map(c -> UUID.fromString(c.associationId())).distinct().toList())
                .map(found -> {
                    Map<String, Association> byId = found.stream().collect(Collectors.toMap(Association::id, Function.identity()));
                    return centers.stream().map(c -> byId.get(c.associationId())).toList();
                });
    }

    public Uni<@NonNull List<@NonNull Province>> province(@Source List<Center> centers) {
        return referenceData.get().map(s -> centers.stream().map(c -> s.province(c.provinceCode()).orElseThrow()).toList());
    }

    @Description("Open enrollments (ENROLLED or ACTIVE) now.")
    public Uni<@NonNull List<@NonNull Integer>> occupancy(@Source List<Center> centers) {
        return queries.occupancy(centers.stream().map(Center::uuid).distinct().toList())
                .map(by -> centers.stream().map(c -> by.getOrDefault(c.id(), 0)).toList());
    }
}
