package ma.forsa.referral;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.PersonalReadAudit;
import ma.forsa.common.ApiException;
import ma.forsa.common.Clocks;
import ma.forsa.common.Constraints;
import ma.forsa.common.Ids;
import ma.forsa.common.graphql.Selection;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.enrollment.Enrollment;
import ma.forsa.learner.Learner;
import ma.forsa.learner.LearnerRow;
import ma.forsa.learner.LearnerView;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.PersonalData;
import ma.forsa.security.Requires;
import ma.forsa.security.WithheldFields;

/** Referrals between associations: proposals, answers, and what each side reads of them. */
@GraphQLApi
public class ReferralApi {

    private final CurrentAccess access;
    private final ReferralService service;
    private final ReferralRepository referrals;
    private final LearnerView view;
    private final Selection selection;
    private final WithheldFields withheld;
    private final PersonalReadAudit personalReads;
    private final Clock clock;

    @Inject
    public ReferralApi(CurrentAccess access, ReferralService service, ReferralRepository referrals, LearnerView view,
            Selection selection, WithheldFields withheld, PersonalReadAudit personalReads, Clock clock) {
        this.access = access;
        this.service = service;
        this.referrals = referrals;
        this.view = view;
        this.selection = selection;
        this.withheld = withheld;
        this.personalReads = personalReads;
        this.clock = clock;
    }

    @Query("referrals")
    @Description("Referrals sent from or received in the caller's centres, newest first; filter by direction and status.")
    @Requires(Action.READ_CASEWORK)
    public Uni<@NonNull ReferralConnection> referrals(@Name("first") Integer first, @Name("after") String after,
            @Name("filter") ReferralFilter filter) {
        AccessScope scope = access.require();
        PageRequest page = PageRequest.of(first, after);
        if (filter != null && filter.status() != null && filter.status().size() > ReferralStatus.values().length) {
            throw ApiException.validation("status", "status lists each status at most once.");
        }
        var now = clock.instant();
        Uni<Integer> total = selection.wants("totalCount") ? referrals.count(scope, filter, now) : Uni.createFrom().item(0);
        return Uni.combine().all().unis(referrals.page(scope, filter, page, now), total).asTuple().map(t -> {
            Keyset.Page<ReferralEdge> p = Keyset.edges(t.getItem1(), page, Referral::id, ReferralEdge::new);
            return new ReferralConnection(p.edges(), p.info(), t.getItem2());
        });
    }

    @Query("referral")
    @Requires(Action.READ_CASEWORK)
    public Uni<Referral> referral(@Name("id") @NonNull @Id String id) {
        AccessScope scope = access.require();
        UUID uuid = Ids.parse(id, "referral");
        return referrals.byId(scope, uuid, clock.instant()).map(ApiException.orNotFound("referral", id));
    }

    @Mutation("proposeReferral")
    @Description("The sending side (who may change the learner) proposes moving an open enrollment to a centre of another "
            + "association (toCenterCode), with a reason and a date. Needs a consent for SHARING_ON_REFERRAL in force. The "
            + "receiving association sees only the referral's summary until it accepts; the proposal expires after "
            + "forsa.referral.expire-after (14 days by default). Within one association use transferEnrollment.")
    @Requires(Action.WRITE_REFERRALS)
    public Uni<@NonNull Referral> proposeReferral(@Name("input") @NonNull ReferralInput input) {
        AccessScope scope = access.require();
        return service.propose(scope, ReferralRules.validate(input).orThrow(scope.locale()))
                .onFailure().transform(Constraints::translate).chain(id -> read(scope, id));
    }

    @Mutation("acceptReferral")
    @Description("The receiving side accepts: the enrollment is closed as TRANSFERRED and one opens in the receiving centre on "
            + "the given date, after every check an enrollment there gets, all or nothing. Of two concurrent answers one "
            + "wins; the other gets CONFLICT or INVALID_TRANSITION.")
    @Requires(Action.WRITE_REFERRALS)
    public Uni<@NonNull Referral> acceptReferral(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("on") @NonNull LocalDate on,
            @Name("agreementId") @Id @Description("The agreement the new enrollment counts towards; left out, the one covering "
                    + "the receiving centre on that date.") String agreementId,
            @Name("overrideCapacity") Boolean overrideCapacity) {
        AccessScope scope = access.require();
        UUID agreement = agreementId == null || agreementId.isBlank() ? null : Ids.parseInput(agreementId, "agreementId");
        return service.accept(scope, Ids.parse(id, "referral"), version, on, agreement, Boolean.TRUE.equals(overrideCapacity))
                .onFailure().transform(Constraints::translate).chain(uuid -> read(scope, uuid));
    }

    @Mutation("declineReferral")
    @Description("The receiving side declines, saying why (10 to 500 characters, read by the sending side).")
    @Requires(Action.WRITE_REFERRALS)
    public Uni<@NonNull Referral> declineReferral(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("reason") @NonNull String reason) {
        AccessScope scope = access.require();
        String why = ReferralRules.declineReason(reason).orThrow(scope.locale());
        return service.decline(scope, Ids.parse(id, "referral"), version, why).onFailure().transform(Constraints::translate)
                .chain(uuid -> read(scope, uuid));
    }

    private Uni<Referral> read(AccessScope scope, UUID id) {
        return referrals.byId(scope, id, clock.instant()).map(ApiException.orNotFound("referral", id));
    }

    @Description("What the referral shares of the learner (first name, age, strands): all the receiving side reads of it "
            + "until it accepts.")
    public Uni<@NonNull List<@NonNull ReferralLearner>> summary(@Source List<Referral> list) {
        AccessScope scope = access.require();
        WithheldFields withheldHere = ClientProxy.unwrap(withheld);
        PersonalReadAudit readsHere = ClientProxy.unwrap(personalReads);
        LocalDate today = Clocks.today(clock);
        List<UUID> read = new ArrayList<>();
        List<ReferralLearner> out = new ArrayList<>();
        for (Referral r : list) {
            boolean shown = ReferralRules.showsFirstName(PersonalData.seesIdentity(scope, r.learnerId()), r.sharingInForce(),
                    r.outgoing(), r.status());
            if (shown && r.learnerFirstName() != null) {
                read.add(r.learnerId());
            } else if (r.learnerFirstName() != null) {
                withheldHere.withhold(scope, "ReferralLearner", "firstName");
            }
            out.add(new ReferralLearner(shown ? r.learnerFirstName() : null, ReferralRules.age(r.learnerBirthDate(), today),
                    r.strands()));
        }
        return readsHere.recordRead(scope, read).replaceWith(out);
    }

    @Description("The learner, as the caller may see it: null for the receiving side until it accepts (the learner is not "
            + "in its scope before).")
    public Uni<List<Learner>> learner(@Source List<Referral> list) {
        AccessScope scope = access.require();
        LearnerView.Reader reader = view.forBatchedField(scope);
        return referrals.learners(scope, list.stream().map(Referral::learnerId).toList()).chain(rows -> {
            List<LearnerRow> found = rows.values().stream().toList();
            return reader.read(found).map(shown -> {
                Map<String, Learner> byId = new java.util.HashMap<>();
                shown.forEach(l -> byId.put(l.id(), l));
                return list.stream().map(r -> byId.get(r.learnerId().toString())).toList();
            });
        });
    }

    @Description("The enrollment the referral moves, when the caller sees it.")
    public Uni<List<Enrollment>> fromEnrollment(@Source List<Referral> list) {
        return enrollments(list.stream().map(Referral::fromEnrollmentId).toList());
    }

    @Description("The enrollment opened in the receiving centre once accepted, when the caller sees it.")
    public Uni<List<Enrollment>> newEnrollment(@Source List<Referral> list) {
        return enrollments(list.stream().map(Referral::newEnrollmentId).toList());
    }

    private Uni<List<Enrollment>> enrollments(List<UUID> ids) {
        AccessScope scope = access.require();
        List<UUID> wanted = ids.stream().filter(Objects::nonNull).toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(ids.stream().map(id -> (Enrollment) null).toList());
        }
        return referrals.enrollments(scope, wanted).map(by -> ids.stream().map(id -> id == null ? null : by.get(id)).toList());
    }
}
