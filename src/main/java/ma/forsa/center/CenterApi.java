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

import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.Uni;
import ma.forsa.association.Association;
import ma.forsa.common.ApiException;
import ma.forsa.common.Constraints;
import ma.forsa.common.Ids;
import ma.forsa.common.graphql.Selection;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.reference.Province;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Disclosure;
import ma.forsa.security.DisclosureCounts;
import ma.forsa.security.Requires;
import ma.forsa.security.Tally;
import ma.forsa.security.WithheldFields;

@GraphQLApi
public class CenterApi {

    private final CurrentAccess access;
    private final CenterRepository centers;
    private final CenterService service;
    private final ReferenceData referenceData;
    private final Selection selection;
    private final Disclosure disclosure;
    private final DisclosureCounts counts;
    private final WithheldFields withheld;

    @Inject
    public CenterApi(CurrentAccess access, CenterRepository centers, CenterService service, ReferenceData referenceData,
            Selection selection, Disclosure disclosure, DisclosureCounts counts, WithheldFields withheld) {
        this.access = access;
        this.centers = centers;
        this.service = service;
        this.referenceData = referenceData;
        this.selection = selection;
        this.disclosure = disclosure;
        this.counts = counts;
        this.withheld = withheld;
    }

    @Query("centers")
    @Description("Centres the caller may see, ordered by code unless orderBy says otherwise. first defaults to " + PageRequest.DEFAULT_FIRST + " (at most "
            + PageRequest.MAX_FIRST + "); after is the endCursor of the previous page.")
    @Requires(Action.READ_PARTNERS)
    public Uni<@NonNull CenterConnection> centers(@Name("first") Integer first, @Name("after") String after,
            @Name("filter") CenterFilter filter, @Name("orderBy") CenterOrder orderBy,
            @Name("descending") @Description("Reverse the order (e.g. largest capacity first).") Boolean descending) {
        AccessScope scope = access.require();
        PageRequest page = PageRequest.of(first, after);
        Uni<Integer> total = selection.wants("totalCount") ? centers.count(scope, filter) : Uni.createFrom().nullItem();
        return Uni.combine().all().unis(centers.page(scope, filter, orderBy, Boolean.TRUE.equals(descending), page), total)
                .asTuple().map(t -> {
            Keyset.Page<CenterEdge> p = Keyset.edges(t.getItem1(), page, Center::id, CenterEdge::new);
            return new CenterConnection(p.edges(), p.info(), t.getItem2() == null ? 0 : t.getItem2());
        });
    }

    @Query("center")
    @Description("A centre the caller may see; NOT_FOUND otherwise.")
    @Requires(Action.READ_PARTNERS)
    public Uni<Center> center(@Name("id") @NonNull @Id String id) {
        return centers.byId(access.require(), Ids.parse(id, "Center")).map(ApiException.orNotFound("Center", id));
    }

    @Mutation("createCenter")
    @Description("ADMIN anywhere; ACADEMY_OFFICER in a province of its academy.")
    @Requires(Action.MANAGE_CENTERS)
    public Uni<@NonNull Center> createCenter(@Name("input") @NonNull CenterInput input) {
        return service.create(access.require(), input).onFailure().transform(Constraints::translate);
    }

    @Mutation("updateCenter")
    @Description("Replaces the centre's details; the association cannot change, the province only within the same academy.")
    @Requires(Action.MANAGE_CENTERS)
    public Uni<@NonNull Center> updateCenter(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("input") @NonNull CenterInput input) {
        return service.update(access.require(), Ids.parse(id, "Center"), version, input)
                .onFailure().transform(Constraints::translate);
    }

    @Mutation("transitionCenter")
    @Description("OPEN ↔ SUSPENDED, then CLOSED (final, only without open enrollments). SUSPENDED and CLOSED need a reason.")
    @Requires(Action.MANAGE_CENTERS)
    public Uni<@NonNull Center> transitionCenter(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("to") @NonNull CenterStatus to, @Name("reason") String reason) {
        return service.transition(access.require(), Ids.parse(id, "Center"), version, to, reason)
                .onFailure().transform(Constraints::translate);
    }

    @Description("The association's centres that the caller may see, by code.")
    public Uni<@NonNull List<@NonNull List<@NonNull Center>>> centers(@Source List<Association> associations) {
        AccessScope scope = access.require();
        return centers.ofAssociations(scope, associations.stream().map(Association::uuid).distinct().toList())
                .map(by -> associations.stream().map(a -> by.getOrDefault(a.id(), List.of())).toList());
    }

    @Description("The association's centres the caller may see, by code, one page at a time (centres lists them all). first "
            + "defaults to " + PageRequest.DEFAULT_FIRST + " (at most " + PageRequest.MAX_FIRST + "); one statement per association.")
    public Uni<@NonNull CenterConnection> centersConnection(@Source Association association, @Name("first") Integer first,
            @Name("after") String after) {
        AccessScope scope = access.require();
        PageRequest page = PageRequest.of(first, after);
        CenterFilter filter = new CenterFilter(null, null, association.id(), null, null);
        Uni<Integer> total = selection.wants("totalCount") ? centers.count(scope, filter) : Uni.createFrom().item(0);
        return Uni.combine().all().unis(centers.page(scope, filter, page), total).asTuple().map(t -> {
            Keyset.Page<CenterEdge> p = Keyset.edges(t.getItem1(), page, Center::id, CenterEdge::new);
            return new CenterConnection(p.edges(), p.info(), t.getItem2() == null ? 0 : t.getItem2());
        });
    }

    public Uni<@NonNull List<@NonNull Association>> association(@Source List<Center> list) {
        return centers.associations(list.stream().map(c -> UUID.fromString(c.associationId())).distinct().toList())
                .map(found -> {
                    Map<String, Association> byId = found.stream().collect(Collectors.toMap(Association::id, Function.identity()));
                    return list.stream().map(c -> byId.get(c.associationId())).toList();
                });
    }

    public Uni<@NonNull List<@NonNull Province>> province(@Source List<Center> list) {
        return referenceData.get().map(s -> list.stream().map(c -> s.province(c.provinceCode()).orElseThrow()).toList());
    }

    @Description("Open enrollments (ENROLLED or ACTIVE) now. Null when withheld from the viewer (MINISTRY: the disclosure "
            + "rule; listed in extensions.withheld).")
    public Uni<List<Integer>> occupancy(@Source List<Center> list) {
        AccessScope scope = access.require();
        List<UUID> ids = list.stream().map(Center::uuid).distinct().toList();
        if (disclosure.appliesTo(scope)) {
            WithheldFields withheldHere = ClientProxy.unwrap(withheld);
            return counts.centres(scope, ids).map(by -> list.stream().map(c -> {
                Tally open = disclosure.ofCentre(by.getOrDefault(c.uuid(), Map.of()), null, Center.OPEN_STATUSES);
                if (!disclosure.shows(open)) {
                    withheldHere.withhold(scope, "Center", "occupancy");
                    return (Integer) null;
                }
                return (int) open.total();
            }).toList());
        }
        return centers.occupancy(ids).map(by -> list.stream().map(c -> (Integer) by.getOrDefault(c.id(), 0)).toList());
    }
}
