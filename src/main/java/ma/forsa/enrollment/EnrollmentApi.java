package ma.forsa.enrollment;

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
import org.eclipse.microprofile.graphql.Source;

import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.Uni;
import ma.forsa.agreement.Agreement;
import ma.forsa.audit.PersonalReadAudit;
import ma.forsa.center.Center;
import ma.forsa.common.Clocks;
import ma.forsa.common.Constraints;
import ma.forsa.common.Ids;
import ma.forsa.common.graphql.Joined;
import ma.forsa.common.graphql.Selection;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.learner.Learner;
import ma.forsa.learner.LearnerView;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Disclosure;
import ma.forsa.security.Policy;
import ma.forsa.security.DisclosureCounts;
import ma.forsa.security.PersonalData;
import ma.forsa.security.Requires;
import ma.forsa.security.Tally;
import ma.forsa.security.WithheldFields;

@GraphQLApi
public class EnrollmentApi {

    private final CurrentAccess access;
    private final EnrollmentService service;
    private final EnrollmentRepository enrollments;
    private final LearnerView view;
    private final Selection selection;
    private final WithheldFields withheld;
    private final PersonalReadAudit personalReads;
    private final Clock clock;
    private final Disclosure disclosure;
    private final DisclosureCounts counts;
    private final Joined joined;

    @Inject
    public EnrollmentApi(CurrentAccess access, EnrollmentService service, EnrollmentRepository enrollments, LearnerView view,
            Selection selection, WithheldFields withheld, PersonalReadAudit personalReads, Clock clock, Disclosure disclosure,
            DisclosureCounts counts, Joined joined) {
        this.access = access;
        this.service = service;
        this.enrollments = enrollments;
        this.view = view;
        this.selection = selection;
        this.withheld = withheld;
        this.personalReads = personalReads;
        this.clock = clock;
        this.disclosure = disclosure;
        this.counts = counts;
        this.joined = joined;
    }

    @Mutation("enroll")
    @Description("Enrolls a learner in a centre for a school year. Refused (every reason listed in extensions.violations) "
            + "when the learner is outside the eligible ages on enrolledOn, already has an open enrollment (its id in "
            + "extensions.existing), the centre is not OPEN or is full (unless overrideCapacity), or no agreement SIGNED or "
            + "ACTIVE covers the centre on that date (agreementId names one; left out, the covering agreement is used).")
    @Requires(Action.WRITE_ENROLLMENTS)
    public Uni<@NonNull Enrollment> enroll(@Name("input") @NonNull EnrollInput input) {
        AccessScope scope = access.require();
        return service.enroll(scope, EnrollmentRules.validate(input, Clocks.today(clock)).orThrow(scope.locale()))
                .onFailure().transform(Constraints::translate);
    }

    @Mutation("transitionEnrollment")
    @Description("ENROLLED -> ACTIVE -> COMPLETED or DROPPED_OUT (ENROLLED -> DROPPED_OUT for a learner who never came). "
            + "For COMPLETED and DROPPED_OUT, on is the exit date and reason the exit reason (sensitive: shown only to the "
            + "association following the learner and to ADMIN).")
    @Requires(Action.WRITE_ENROLLMENTS)
    public Uni<@NonNull Enrollment> transitionEnrollment(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("to") @Description("The status to reach. Requestable: ACTIVE, COMPLETED, DROPPED_OUT. ENROLLED and TRANSFERRED are "
                    + "refused with INVALID_TRANSITION (a transfer is transferEnrollment).") @NonNull EnrollmentStatus to,
            @Name("on") @NonNull LocalDate on, @Name("reason") String reason) {
        return service.transition(access.require(), Ids.parse(id, "enrollment"), version, to, on, reason)
                .onFailure().transform(Constraints::translate);
    }

    @Mutation("transferEnrollment")
    @Description("Closes the open enrollment as TRANSFERRED on the given date and opens one in the receiving centre (same "
            + "school year and strands), all or nothing, after every check an enrollment there would get. Returns the new "
            + "enrollment. The receiving centre is one the caller may enroll in (NOT_FOUND otherwise): a centre of another "
            + "association is reached by a referral (proposeReferral), which that association accepts.")
    @Requires(Action.WRITE_ENROLLMENTS)
    public Uni<@NonNull Enrollment> transferEnrollment(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("toCenterId") @NonNull @Id String toCenterId, @Name("on") @NonNull LocalDate on,
            @Name("overrideCapacity") @Description("Accept the transfer even when the receiving centre is full (recorded and "
                    + "audited).") Boolean overrideCapacity,
            @Name("agreementId") @Id @Description("The agreement the new enrollment counts towards; left out, the one covering "
                    + "the receiving centre on that date.") String agreementId) {
        UUID agreement = agreementId == null || agreementId.isBlank() ? null : Ids.parseInput(agreementId, "agreementId");
        return service.transfer(access.require(), Ids.parse(id, "enrollment"), version, Ids.parseInput(toCenterId, "toCenterId"),
                on, agreement, Boolean.TRUE.equals(overrideCapacity)).onFailure().transform(Constraints::translate);
    }

    public Uni<@NonNull List<@NonNull List<@NonNull Enrollment>>> enrollments(@Source List<Learner> learners) {
        AccessScope scope = access.require();
        List<UUID> ids = learners.stream().map(l -> UUID.fromString(l.id())).toList();
        if (!selection.wants("center")) {
            return enrollments.byLearners(scope, ids).map(by -> ids.stream().map(id -> by.getOrDefault(id, List.of())).toList());
        }
        Joined joinedHere = ClientProxy.unwrap(joined); // the request's own, used after the database answered
        return enrollments.byLearnersWithCenter(scope, ids).map(by -> ids.stream() // one statement: centres joined
                .map(id -> by.getOrDefault(id, List.of()).stream().map(w -> {
                    joinedHere.put(Center.class, w.center().id(), w.center());
                    return w.enrollment();
                }).toList()).toList());
    }

    @Description("The centre's enrollments the caller may see, newest first. MINISTRY reads enrollments as figures: no "
            + "edges, and totalCount through the disclosure rule (null with suppressed: true when withheld; "
            + "docs/disclosure.md).")
    public Uni<@NonNull List<@NonNull EnrollmentConnection>> enrollments(@Source List<Center> centers, @Name("first") Integer first,
            @Name("after") String after, @Name("filter") EnrollmentFilter filter) {
        AccessScope scope = access.require();
        PageRequest page = PageRequest.of(first, after);
        List<UUID> ids = centers.stream().map(Center::uuid).toList();
        centers.forEach(c -> joined.put(Center.class, c.id(), c)); // each enrollment's centre is its parent
        if (disclosure.appliesTo(scope)) {
            // the disclosure rule: each centre's list is judged among every filter a client may give; a list whose count
            // may not be shown is withheld whole (counting its edges would give the count away)
            WithheldFields withheldHere = ClientProxy.unwrap(withheld);
            String year = filter == null || filter.schoolYear() == null ? null : filter.schoolYear().strip();
            List<String> statuses = filter == null || filter.status() == null ? null
                    : filter.status().stream().map(Enum::name).toList();
            boolean records = Policy.allows(scope, Action.READ_LEARNER_RECORDS);
            Uni<Map<UUID, List<Enrollment>>> rows = records ? enrollments.pageByCenters(scope, ids, page, filter)
                    : Uni.createFrom().item(Map.of());
            return Uni.combine().all().unis(rows, counts.centres(scope, ids))
                    .asTuple().map(t -> ids.stream().map(center -> {
                        Tally count = disclosure.ofCentre(t.getItem2().getOrDefault(center, Map.of()), year, statuses);
                        if (!disclosure.shows(count)) {
                            withheldHere.withhold(scope, "EnrollmentConnection", List.of("edges", "totalCount"));
                            return EnrollmentConnection.withheld();
                        }
                        if (!records) {
                            // MINISTRY reads enrollments as figures: the count, never the rows
                            withheldHere.withhold(scope, "EnrollmentConnection", List.of("edges"));
                            return EnrollmentConnection.figuresOnly((int) count.total());
                        }
                        Keyset.Page<EnrollmentEdge> p = Keyset.edges(t.getItem1().getOrDefault(center, List.of()), page,
                                Enrollment::id, EnrollmentEdge::new);
                        return new EnrollmentConnection(p.edges(), p.info(), (int) count.total(), false);
                    }).toList());
        }
        Uni<Map<UUID, Integer>> totals = selection.wants("totalCount") ? enrollments.countByCenters(scope, ids, filter)
                : Uni.createFrom().item(Map.of());
        return Uni.combine().all().unis(enrollments.pageByCenters(scope, ids, page, filter), totals).asTuple().map(t -> ids
                .stream().map(center -> {
                    Keyset.Page<EnrollmentEdge> p = Keyset.edges(t.getItem1().getOrDefault(center, List.of()), page,
                            Enrollment::id, EnrollmentEdge::new);
                    return new EnrollmentConnection(p.edges(), p.info(), t.getItem2().getOrDefault(center, 0), false);
                }).toList());
    }

    public Uni<@NonNull List<@NonNull Learner>> learner(@Source List<Enrollment> list) {
        AccessScope scope = access.require();
        LearnerView.Reader reader = view.forBatchedField(scope);
        return enrollments.learners(list.stream().map(Enrollment::learnerId).toList())
                .chain(rows -> reader.read(list.stream().map(e -> rows.get(e.learnerId())).toList()));
    }

    public Uni<@NonNull List<@NonNull Center>> center(@Source List<Enrollment> list) {
        List<Center> known = joined.all(Center.class, list.stream().map(e -> e.centerId().toString()).toList());
        if (known != null) {
            return Uni.createFrom().item(known); // read with the enrollments, or their parent centres
        }
        return enrollments.centers(list.stream().map(Enrollment::centerId).toList()).map(found -> {
            Map<UUID, Center> byId = found.stream().collect(Collectors.toMap(Center::uuid, Function.identity()));
            return list.stream().map(e -> byId.get(e.centerId())).toList();
        });
    }

    public Uni<List<Agreement>> agreement(@Source List<Enrollment> list) {
        List<UUID> ids = list.stream().map(Enrollment::agreementId).filter(a -> a != null).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(list.stream().map(e -> (Agreement) null).toList());
        }
        return enrollments.agreements(ids, Clocks.today(clock)).map(found -> {
            Map<UUID, Agreement> byId = found.stream().collect(Collectors.toMap(Agreement::uuid, Function.identity()));
            return list.stream().map(e -> e.agreementId() == null ? null : byId.get(e.agreementId())).toList();
        });
    }

    @Description("Why the learner left. Sensitive free text: shown only to the staff of the association following the "
            + "learner and to ADMIN (whose reads are audited); null and listed in extensions.withheld for others.")
    public Uni<List<String>> exitReason(@Source List<Enrollment> list) {
        AccessScope scope = access.require();
        // the request's own instances: used in callbacks after the database answered
        WithheldFields withheldHere = ClientProxy.unwrap(withheld);
        PersonalReadAudit readsHere = ClientProxy.unwrap(personalReads);
        List<UUID> learners = list.stream().filter(e -> e.exitReasonText() != null).map(Enrollment::learnerId).toList();
        if (learners.isEmpty()) {
            return Uni.createFrom().item(list.stream().map(e -> (String) null).toList());
        }
        return enrollments.followers(learners).chain(followers -> {
            List<UUID> read = list.stream().filter(e -> e.exitReasonText() != null
                    && PersonalData.seesSensitive(scope, followers.get(e.learnerId()))).map(Enrollment::learnerId).toList();
            boolean withheldSome = list.stream().anyMatch(e -> e.exitReasonText() != null
                    && !PersonalData.seesSensitive(scope, followers.get(e.learnerId())));
            if (withheldSome) {
                withheldHere.withhold(scope, "Enrollment", "exitReason");
            }
            return readsHere.recordRead(scope, read).map(v -> list.stream().map(e -> e.exitReasonText() != null
                    && PersonalData.seesSensitive(scope, followers.get(e.learnerId())) ? e.exitReasonText() : null).toList());
        });
    }
}
