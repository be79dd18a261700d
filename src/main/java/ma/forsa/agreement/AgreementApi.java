package ma.forsa.agreement;

import java.time.Clock;
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

import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.Uni;
import ma.forsa.association.Association;
import ma.forsa.center.Center;
import ma.forsa.common.ApiException;
import ma.forsa.common.Clocks;
import ma.forsa.common.Constraints;
import ma.forsa.common.Ids;
import ma.forsa.common.graphql.Joined;
import ma.forsa.common.graphql.Selection;
import ma.forsa.common.paging.CountedPage;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.reference.Academy;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Disclosure;
import ma.forsa.security.Requires;
import ma.forsa.security.WithheldFields;

@GraphQLApi
public class AgreementApi {

    private final CurrentAccess access;
    private final AgreementRepository agreements;
    private final AgreementService service;
    private final ReferenceData referenceData;
    private final Selection selection;
    private final Clock clock;
    private final Disclosure disclosure;
    private final WithheldFields withheld;
    private final Joined joined;

    @Inject
    public AgreementApi(CurrentAccess access, AgreementRepository agreements, AgreementService service,
            ReferenceData referenceData, Selection selection, Clock clock, Disclosure disclosure, WithheldFields withheld, Joined joined) {
        this.access = access;
        this.agreements = agreements;
        this.service = service;
        this.referenceData = referenceData;
        this.selection = selection;
        this.clock = clock;
        this.disclosure = disclosure;
        this.withheld = withheld;
        this.joined = joined;
    }

    @Query("agreements")
    @Description("Agreements the caller may see, ordered by reference unless orderBy says otherwise. first defaults to " + PageRequest.DEFAULT_FIRST
            + " (at most " + PageRequest.MAX_FIRST + "); after is the endCursor of the previous page.")
    @Requires(Action.READ_PARTNERS)
    public Uni<@NonNull AgreementConnection> agreements(@Name("first") Integer first, @Name("after") String after,
            @Name("filter") AgreementFilter filter, @Name("orderBy") AgreementOrder orderBy,
            @Name("descending") @Description("Reverse the order (e.g. latest end date first).") Boolean descending) {
        AccessScope scope = access.require();
        PageRequest page = PageRequest.of(first, after);
        LocalDate today = Clocks.today(clock);
        boolean counted = selection.wants("totalCount");
        boolean reversed = Boolean.TRUE.equals(descending);
        Uni<CountedPage<Agreement>> rows = !selection.wants("edges/node/association")
                ? agreements.page(scope, filter, orderBy, reversed, page, today, counted)
                : agreements.pageWithAssociation(scope, filter, orderBy, reversed, page, today, counted).map(found -> {
                    found.rows().forEach(f -> joined.put(Association.class, f.association().id(), f.association()));
                    return found.map(AgreementRepository.WithAssociation::agreement);
                });
        return rows.map(found -> connection(found, page)); // one statement: the page, its associations, its count
    }

    private static AgreementConnection connection(CountedPage<Agreement> found, PageRequest page) {
        Keyset.Page<AgreementEdge> p = Keyset.edges(found.rows(), page, Agreement::id, AgreementEdge::new);
        return new AgreementConnection(p.edges(), p.info(), found.total());
    }

    @Query("agreement")
    @Description("An agreement the caller may see; NOT_FOUND otherwise.")
    @Requires(Action.READ_PARTNERS)
    public Uni<Agreement> agreement(@Name("id") @NonNull @Id String id) {
        AccessScope scope = access.require();
        UUID key = Ids.parse(id, "Agreement");
        if (selection.wants("association")) { // one statement: the association joined
            return agreements.byIdWithAssociation(scope, key, Clocks.today(clock)).map(found -> {
                if (found == null) {
                    return null;
                }
                joined.put(Association.class, found.association().id(), found.association());
                return found.agreement();
            }).map(ApiException.orNotFound("Agreement", id));
        }
        return agreements.byId(scope, key, Clocks.today(clock)).map(ApiException.orNotFound("Agreement", id));
    }

    @Mutation("createAgreement")
    @Description("Creates a DRAFT agreement. ADMIN; ACADEMY_OFFICER in its academy; MINISTRY for FRAMEWORK agreements.")
    @Requires(Action.MANAGE_FRAMEWORK_AGREEMENTS)
    public Uni<@NonNull Agreement> createAgreement(@Name("input") @NonNull AgreementInput input) {
        return service.create(access.require(), input).onFailure().transform(Constraints::translate);
    }

    @Mutation("updateAgreement")
    @Description("Edits a DRAFT agreement in place (signed ones change through amendAgreement). centerIds null keeps the coverage.")
    @Requires(Action.MANAGE_FRAMEWORK_AGREEMENTS)
    public Uni<@NonNull Agreement> updateAgreement(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("input") @NonNull AgreementInput input) {
        return service.update(access.require(), Ids.parse(id, "Agreement"), version, input)
                .onFailure().transform(Constraints::translate);
    }

    @Mutation("transitionAgreement")
    @Description("DRAFT → SIGNED (signedOn = on, default today) → ACTIVE ↔ SUSPENDED → TERMINATED. SUSPENDED and TERMINATED "
            + "need a reason. EXPIRED follows from the end date and cannot be requested.")
    @Requires(Action.MANAGE_FRAMEWORK_AGREEMENTS)
    public Uni<@NonNull Agreement> transitionAgreement(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("to") @Description("The status to reach. Requestable: SIGNED, ACTIVE, SUSPENDED, TERMINATED (along the lifecycle). "
                    + "DRAFT and EXPIRED are refused with INVALID_TRANSITION (EXPIRED follows from the end date).") @NonNull AgreementStatus to,
            @Name("on") LocalDate on, @Name("reason") String reason) {
        return service.transition(access.require(), Ids.parse(id, "Agreement"), version, to, on, reason)
                .onFailure().transform(Constraints::translate);
    }

    @Mutation("amendAgreement")
    @Description("Records a signed amendment to a signed agreement, changing its end date, budget, targets or centres; the "
            + "replaced values are kept in the amendment.")
    @Requires(Action.MANAGE_FRAMEWORK_AGREEMENTS)
    public Uni<@NonNull Agreement> amendAgreement(@Name("agreementId") @NonNull @Id String agreementId, @Name("version") int version,
            @Name("input") @NonNull AmendmentInput input) {
        return service.amend(access.require(), Ids.parse(agreementId, "Agreement"), version, input)
                .onFailure().transform(Constraints::translate);
    }

    @Mutation("addTranche")
    @Description("Plans a tranche; planned and paid tranches cannot total more than the budget.")
    @Requires(Action.MANAGE_FRAMEWORK_AGREEMENTS)
    public Uni<@NonNull Agreement> addTranche(@Name("agreementId") @NonNull @Id String agreementId, @Name("version") int version,
            @Name("input") @NonNull TrancheInput input) {
        return service.addTranche(access.require(), Ids.parse(agreementId, "Agreement"), version, input)
                .onFailure().transform(Constraints::translate);
    }

    @Mutation("recordTranchePayment")
    @Description("Marks a PLANNED tranche PAID. version (the tranche's) is checked when given.")
    @Requires(Action.MANAGE_FRAMEWORK_AGREEMENTS)
    public Uni<@NonNull Tranche> recordTranchePayment(@Name("trancheId") @NonNull @Id String trancheId,
            @Name("paidOn") @NonNull LocalDate paidOn, @Name("version") Integer version) {
        return service.recordPayment(access.require(), Ids.parse(trancheId, "Tranche"), paidOn, version)
                .onFailure().transform(Constraints::translate);
    }

    @Mutation("withholdTranche")
    @Description("Marks a PLANNED tranche WITHHELD (it will not be paid); a reason is required.")
    @Requires(Action.MANAGE_FRAMEWORK_AGREEMENTS)
    public Uni<@NonNull Tranche> withholdTranche(@Name("trancheId") @NonNull @Id String trancheId, @Name("version") Integer version,
            @Name("reason") @NonNull String reason) {
        return service.withhold(access.require(), Ids.parse(trancheId, "Tranche"), version, reason)
                .onFailure().transform(Constraints::translate);
    }

    @Description("The association's agreements that the caller may see, by reference.")
    public Uni<@NonNull List<@NonNull List<@NonNull Agreement>>> agreements(@Source List<Association> associations) {
        AccessScope scope = access.require();
        return agreements.ofAssociations(scope, associations.stream().map(Association::uuid).distinct().toList(),
                Clocks.today(clock)).map(by -> associations.stream().map(a -> by.getOrDefault(a.id(), List.of())).toList());
    }

    @Description("The association's agreements the caller may see, by reference, one page at a time (agreements lists them "
            + "all). first defaults to " + PageRequest.DEFAULT_FIRST + " (at most " + PageRequest.MAX_FIRST
            + "); one statement per association.")
    public Uni<@NonNull AgreementConnection> agreementsConnection(@Source Association association, @Name("first") Integer first,
            @Name("after") String after) {
        AccessScope scope = access.require();
        PageRequest page = PageRequest.of(first, after);
        LocalDate today = Clocks.today(clock);
        AgreementFilter filter = new AgreementFilter(null, association.id(), null, null, null);
        return agreements.page(scope, filter, null, false, page, today, selection.wants("totalCount"))
                .map(found -> connection(found, page));
    }

    public Uni<@NonNull List<@NonNull Academy>> academy(@Source List<Agreement> list) {
        return referenceData.get().map(s -> list.stream().map(g -> s.academy(g.academyCode()).orElseThrow()).toList());
    }

    public Uni<@NonNull List<@NonNull Association>> association(@Source List<Agreement> list) {
        List<Association> known = joined.all(Association.class, list.stream().map(Agreement::associationId).toList());
        if (known != null) {
            return Uni.createFrom().item(known); // read with the agreement (agreement(id) selecting association)
        }
        return agreements.associations(list.stream().map(g -> UUID.fromString(g.associationId())).distinct().toList())
                .map(found -> {
                    Map<String, Association> byId = found.stream().collect(Collectors.toMap(Association::id, Function.identity()));
                    return list.stream().map(g -> byId.get(g.associationId())).toList();
                });
    }

    @Description("Centres covered by the agreement that the caller may see, by code.")
    public Uni<@NonNull List<@NonNull List<@NonNull Center>>> centers(@Source List<Agreement> list) {
        return agreements.centers(access.require(), ids(list))
                .map(by -> list.stream().map(g -> by.getOrDefault(g.id(), List.of())).toList());
    }

    public Uni<@NonNull List<@NonNull List<@NonNull Tranche>>> tranches(@Source List<Agreement> list) {
        return agreements.tranches(ids(list)).map(by -> list.stream().map(g -> by.getOrDefault(g.id(), List.of())).toList());
    }

    public Uni<@NonNull List<@NonNull List<@NonNull Amendment>>> amendments(@Source List<Agreement> list) {
        return agreements.amendments(ids(list)).map(by -> list.stream().map(g -> by.getOrDefault(g.id(), List.of())).toList());
    }

    public Uni<@NonNull List<@NonNull AgreementProgress>> progress(@Source List<Agreement> list) {
        AccessScope scope = access.require();
        if (disclosure.appliesTo(scope)) {
            WithheldFields withheldHere = ClientProxy.unwrap(withheld);
            return agreements.progress(ids(list)).map(by -> list.stream().map(g -> {
                AgreementRepository.Figures f = by.get(g.id());
                AgreementProgress shown = AgreementProgress.of(f, disclosure.protect(AgreementProgress.figures(f)));
                if (shown.suppressed()) {
                    withheldHere.withhold(scope, "AgreementProgress", shown.enrolled() == null
                            ? List.of("enrolled", "active", "completed", "droppedOut", "integrated")
                            : List.of("active", "completed", "droppedOut", "integrated"));
                }
                return shown;
            }).toList());
        }
        return agreements.progress(ids(list)).map(by -> list.stream().map(g -> AgreementProgress.of(by.get(g.id()))).toList());
    }

    private static List<UUID> ids(List<Agreement> list) {
        return list.stream().map(Agreement::uuid).distinct().toList();
    }
}
