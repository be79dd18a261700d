package ma.forsa.grant;

import java.time.Clock;
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
import ma.forsa.common.ApiException;
import ma.forsa.common.Constraints;
import ma.forsa.common.Ids;
import ma.forsa.common.graphql.Selection;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.learner.Learner;
import ma.forsa.learner.LearnerView;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

/** Break the glass: an officer's request for one learner's identity, and ADMIN's review of the grants. */
@GraphQLApi
public class GrantApi {

    private final CurrentAccess access;
    private final GrantService service;
    private final GrantRepository grants;
    private final LearnerView view;
    private final Selection selection;
    private final Clock clock;

    @Inject
    public GrantApi(CurrentAccess access, GrantService service, GrantRepository grants, LearnerView view, Selection selection,
            Clock clock) {
        this.access = access;
        this.service = service;
        this.grants = grants;
        this.view = view;
        this.selection = selection;
        this.clock = clock;
    }

    @Mutation("requestLearnerAccess")
    @Description("ACADEMY_OFFICER: read this learner's identity (names, MASSAR code, CIN, guardian) for a limited time "
            + "(forsa.grants.duration, 24 hours by default). Without a grant an officer sees learners pseudonymised. reason "
            + "(10 to 500 characters) says why; the grant and every read made under it are audited.")
    @Requires(Action.REQUEST_LEARNER_ACCESS)
    public Uni<@NonNull AccessGrant> requestLearnerAccess(@Name("learnerId") @NonNull @Id String learnerId,
            @Name("reason") @NonNull String reason) {
        AccessScope scope = access.require();
        UUID learner = Ids.parse(learnerId, "learner");
        String why = GrantRules.reason(reason).orThrow(scope.locale());
        return service.request(scope, learner, why).onFailure().transform(Constraints::translate);
    }

    @Query("accessGrants")
    @Description("ADMIN: access grants of academy officers (of one officer when officer is given), newest first, each with "
            + "the personal reads made under it.")
    @Requires(Action.READ_ACCESS_GRANTS)
    public Uni<@NonNull AccessGrantConnection> accessGrants(@Name("officer") String officer, @Name("first") Integer first,
            @Name("after") String after) {
        access.require();
        PageRequest page = PageRequest.of(first, after);
        if (officer != null && officer.length() > 200) {
            throw ApiException.validation("officer", "officer is the subject of an officer's token, at most 200 characters.");
        }
        String who = officer == null || officer.isBlank() ? null : officer.strip();
        Uni<Integer> total = selection.wants("totalCount") ? grants.count(who) : Uni.createFrom().item(0);
        return Uni.combine().all().unis(grants.page(who, page, clock.instant()), total).asTuple().map(t -> {
            Keyset.Page<AccessGrantEdge> p = Keyset.edges(t.getItem1(), page, AccessGrant::id, AccessGrantEdge::new);
            return new AccessGrantConnection(p.edges(), p.info(), t.getItem2());
        });
    }

    @Query("accessGrantsByOfficer")
    @Description("ADMIN: per officer, the grants requested, in force, the learners opened and the personal reads made under "
            + "them; most grants first (at most " + GrantRepository.MAX_OFFICERS + " officers).")
    @Requires(Action.READ_ACCESS_GRANTS)
    public Uni<@NonNull List<@NonNull OfficerAccessGrants>> accessGrantsByOfficer() {
        access.require();
        return grants.byOfficer(clock.instant());
    }

    @Description("The learner the grant opens, as the caller may see it (the officer sees its identity while the grant is "
            + "live); null once it lies outside the caller's scope.")
    public Uni<List<Learner>> learner(@Source List<AccessGrant> list) {
        AccessScope caller = access.require();
        AccessScope scope = caller;
        for (AccessGrant g : list) {
            // the answer of the request that made the grant: the scope was resolved before it existed
            if (g.live() && g.officer().equals(caller.subject()) && caller.identityGrant(g.learner()) == null) {
                scope = scope.withIdentityGrant(g.learner(), g.uuid());
            }
        }
        LearnerView.Reader reader = view.forBatchedField(scope);
        return grants.learners(scope, list.stream().map(AccessGrant::learner).toList()).chain(rows -> {
            List<ma.forsa.learner.LearnerRow> found = list.stream().map(g -> rows.get(g.learner())).filter(r -> r != null)
                    .distinct().toList();
            return reader.read(found).map(shown -> list.stream().map(g -> shown.stream()
                    .filter(l -> l.id().equals(g.learnerId())).findFirst().orElse(null)).toList());
        });
    }
}
