package ma.forsa.consent;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

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
import ma.forsa.common.Clocks;
import ma.forsa.common.Constraints;
import ma.forsa.common.Ids;
import ma.forsa.learner.Learner;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.PersonalData;
import ma.forsa.security.Policy;
import ma.forsa.security.Requires;
import ma.forsa.security.WithheldFields;

/** Guardian consent: recorded and withdrawn per learner; {@code Learner.consents} (this feature owns the edge). */
@GraphQLApi
public class ConsentApi {

    private final CurrentAccess access;
    private final ConsentService service;
    private final ConsentRepository consents;
    private final WithheldFields withheld;
    private final Clock clock;

    @Inject
    public ConsentApi(CurrentAccess access, ConsentService service, ConsentRepository consents, WithheldFields withheld,
            Clock clock) {
        this.access = access;
        this.service = service;
        this.consents = consents;
        this.withheld = withheld;
        this.clock = clock;
    }

    @Mutation("recordConsent")
    @Description("Records a consent for a learner the caller may change: given by the GUARDIAN, or by the LEARNER once of "
            + "age (forsa.consent.age-of-majority) on givenOn, for purposes. SHARING_ON_REFERRAL allows referrals, "
            + "CONTACT_AFTER_EXIT shows the guardian's contact data once the learner has left. Learner.consentRecordedOn "
            + "shows the latest consent.")
    @Requires(Action.WRITE_CONSENTS)
    public Uni<@NonNull Consent> recordConsent(@Name("input") @NonNull ConsentInput input) {
        AccessScope scope = access.require();
        return service.record(scope, ConsentRules.validate(input, Clocks.today(clock)).orThrow(scope.locale()))
                .onFailure().transform(Constraints::translate);
    }

    @Mutation("withdrawConsent")
    @Description("Withdraws a consent as a whole on the given date (record a new consent for the purposes that remain). "
            + "When every consent of a learner is withdrawn, the retention rule anonymises it as soon as it has no open "
            + "enrollment.")
    @Requires(Action.WRITE_CONSENTS)
    public Uni<@NonNull Consent> withdrawConsent(@Name("id") @NonNull @Id String id, @Name("version") int version,
            @Name("on") @NonNull LocalDate on) {
        return service.withdraw(access.require(), Ids.parse(id, "consent"), version, on)
                .onFailure().transform(Constraints::translate);
    }

    @Description("The consents recorded for the learner, newest first. Shown to who sees the learner's identity "
            + "(withheld like consentRecordedOn otherwise).")
    public Uni<@NonNull List<@NonNull List<@NonNull Consent>>> consents(@Source List<Learner> learners) {
        AccessScope scope = access.require();
        WithheldFields withheldHere = ClientProxy.unwrap(withheld);
        List<UUID> shown = learners.stream().map(l -> UUID.fromString(l.id()))
                .filter(id -> Policy.allows(scope, Action.READ_CASEWORK) && PersonalData.seesIdentity(scope, id)).toList();
        if (shown.size() < learners.size()) {
            withheldHere.withhold(scope, "Learner", "consents");
        }
        if (shown.isEmpty()) {
            return Uni.createFrom().item(learners.stream().map(l -> List.<Consent> of()).toList());
        }
        return consents.byLearners(shown).map(by -> learners.stream()
                .map(l -> by.getOrDefault(UUID.fromString(l.id()), List.of())).toList());
    }
}
