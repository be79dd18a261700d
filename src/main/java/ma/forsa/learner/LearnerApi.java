package ma.forsa.learner;

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

import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.ApiException;
import ma.forsa.common.Clocks;
import ma.forsa.common.Constraints;
import ma.forsa.common.ErrorCode;
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
import ma.forsa.security.Policy;
import ma.forsa.security.Requires;
import ma.forsa.security.WithheldFields;

@GraphQLApi
public class LearnerApi {

    private final CurrentAccess access;
    private final LearnerRepository learners;
    private final LearnerService service;
    private final ReferenceData referenceData;
    private final LearnerView view;
    private final Selection selection;
    private final Clock clock;
    private final Disclosure disclosure;
    private final WithheldFields withheld;

    @Inject
    public LearnerApi(CurrentAccess access, LearnerRepository learners, LearnerService service, ReferenceData referenceData,
            LearnerView view, Selection selection, Clock clock, Disclosure disclosure, WithheldFields withheld) {
        this.access = access;
        this.learners = learners;
        this.service = service;
        this.referenceData = referenceData;
        this.view = view;
        this.selection = selection;
        this.clock = clock;
        this.disclosure = disclosure;
        this.withheld = withheld;
    }

    @Query("learners")
    @Description("Learners the caller may see, by normalised name (pseudonymised viewers: by id). first defaults to "
            + PageRequest.DEFAULT_FIRST + " (at most " + PageRequest.MAX_FIRST + "). MINISTRY reads learners as figures: "
            + "no edges, and totalCount through the disclosure rule (null with suppressed: true when withheld; "
            + "docs/disclosure.md).")
    @Requires(Action.READ_LEARNERS)
    public Uni<@NonNull LearnerConnection> learners(@Name("first") Integer first, @Name("after") String after,
            @Name("filter") LearnerFilter filter) {
        AccessScope scope = access.require();
        PageRequest page = PageRequest.of(first, after);
        LearnerView.Reader reader = view.forConnection(scope);
        if (disclosure.appliesTo(scope)) {
            // the disclosure rule: a list whose count may not be shown is withheld whole (counting its edges would
            // give the count away)
            WithheldFields withheldHere = ClientProxy.unwrap(withheld);
            return learners.countAmongSiblings(scope, filter, disclosure).chain(count -> {
                if (!disclosure.shows(count)) {
                    withheldHere.withhold(scope, "LearnerConnection", List.of("edges", "totalCount"));
                    return Uni.createFrom().item(LearnerConnection.withheld());
                }
                if (!Policy.allows(scope, Action.READ_LEARNER_RECORDS)) {
                    withheldHere.withhold(scope, "LearnerConnection", List.of("edges"));
                    return Uni.createFrom().item(LearnerConnection.figuresOnly((int) count.total()));
                }
                return learners.page(scope, filter, page, reader.columns())
                        .chain(rows -> connection(reader, page, rows, (int) count.total()));
            });
        }
        boolean counted = selection.wants("totalCount");
        if (!Policy.allows(scope, Action.READ_LEARNER_RECORDS)) {
            ClientProxy.unwrap(withheld).withhold(scope, "LearnerConnection", List.of("edges"));
            return (counted ? learners.count(scope, filter) : Uni.createFrom().item(0)).map(LearnerConnection::figuresOnly);
        }
        return learners.page(scope, filter, page, reader.columns(), counted)
                .chain(p -> connection(reader, page, p.rows(), p.total()));
    }

    private Uni<LearnerConnection> connection(LearnerView.Reader reader, PageRequest page, List<LearnerRow> found, int total) {
        List<LearnerRow> rows = found.subList(0, Math.min(page.first(), found.size()));
        boolean more = found.size() > page.first();
        return reader.read(rows).map(shown -> {
            Keyset.Page<LearnerEdge> p = Keyset.edges(shown, more, Learner::id, LearnerEdge::new);
            return new LearnerConnection(p.edges(), p.info(), total, false);
        });
    }

    @Query("learner")
    @Requires(Action.READ_LEARNER_RECORDS)
    public Uni<Learner> learner(@Name("id") @NonNull @Id String id) {
        AccessScope scope = access.require();
        LearnerView.Reader reader = view.forField(scope);
        UUID key = Ids.parse(id, "learner");
        return learners.byId(scope, key, reader.columns())
                .chain(found -> reader.read(found.orElseThrow(() -> ApiException.notFound("learner", id))));
    }

    @Query("learnerByMassarCode")
    @Description("The learner with this MASSAR code, when the caller may see them. Not available to pseudonymised viewers.")
    @Requires(Action.READ_LEARNER_IDENTITY)
    public Uni<Learner> learnerByMassarCode(@Name("massarCode") @NonNull String massarCode) {
        AccessScope scope = access.require();
        String code = LearnerRules.massarCode(massarCode.length() > 40 ? "?" : massarCode);
        if (code == null || !LearnerRules.MASSAR.matcher(code).matches()) {
            throw ApiException.validation("massarCode", "massarCode must be one letter followed by 9 digits, e.g. J130012345.");
        }
        LearnerView.Reader reader = view.forField(scope);
        return learners.byMassarCode(scope, code).chain(found -> reader.read(found.orElseThrow(
                () -> new ApiException(ErrorCode.NOT_FOUND, "No learner with this MASSAR code exists."))));
    }

    @Mutation("registerLearner")
    @Description("Registers a learner, followed by an association: the caller's own (ASSOCIATION_STAFF), or associationId "
            + "(required for ACADEMY_OFFICER, optional for ADMIN). Refused as DUPLICATE_SUSPECTED when the MASSAR code is "
            + "already registered (always), or when a learner born the same day with the same or a close name exists "
            + "(unless confirmNotDuplicate: true); candidates lists only learners the caller may see.")
    @Requires(Action.WRITE_LEARNERS)
    public Uni<@NonNull Learner> registerLearner(@Name("input") @NonNull LearnerInput input,
            @Name("confirmNotDuplicate") Boolean confirmNotDuplicate, @Name("associationId") @Id String associationId) {
        AccessScope scope = access.require();
        LearnerView.Reader reader = view.forField(scope);
        UUID association = associationId == null || associationId.isBlank() ? null : Ids.parseInput(associationId, "associationId");
        return referenceData.get().chain(reference -> service.register(scope,
                LearnerRules.validate(input, reference, Clocks.today(clock)).orThrow(scope.locale()),
                Boolean.TRUE.equals(confirmNotDuplicate), association))
                .onFailure().transform(Constraints::translate).map(reader::written);
    }

    @Mutation("updateLearner")
    @Description("Replaces the learner's fields; version is the one read (CONFLICT when someone changed it since). Only the "
            + "association (or academy) following the learner, or ADMIN, may change it; anonymised learners refuse "
            + "every change (ANONYMISED).")
    @Requires(Action.WRITE_LEARNERS)
    public Uni<@NonNull Learner> updateLearner(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("input") @NonNull LearnerInput input) {
        AccessScope scope = access.require();
        UUID uuid = Ids.parse(id, "learner");
        LearnerView.Reader reader = view.forField(scope);
        return referenceData.get().chain(reference -> service.update(scope, uuid, version,
                LearnerRules.validate(input, reference, Clocks.today(clock)).orThrow(scope.locale())))
                .onFailure().transform(Constraints::translate).map(reader::written);
    }

    public Uni<List<Province>> provinceOfResidence(@Source List<Learner> list) {
        return referenceData.get().map(s -> list.stream().map(l -> s.province(l.provinceOfResidenceCode()).orElse(null)).toList());
    }
}
