package ma.forsa.consent;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ma.forsa.common.ErrorCode;
import ma.forsa.common.Ids;
import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;
import ma.forsa.security.PersonalData;

/**
 * The consent rulebook: what a consent must be, when it may be withdrawn, which purposes are in force. Purposes gate
 * operations elsewhere: a referral needs {@link ConsentPurpose#SHARING_ON_REFERRAL} in force (referral/), the contact
 * data of a learner who has left needs {@link ConsentPurpose#CONTACT_AFTER_EXIT} (security/PersonalData), and a learner
 * whose consents are all withdrawn is anonymised early (privacy/RetentionJob).
 */
public final class ConsentRules {

    private ConsentRules() {
    }

    /** A checked consent. */
    public record Valid(UUID learnerId, ConsentGiver givenBy, LocalDate givenOn, List<ConsentPurpose> purposes) {
    }

    public static Checked<Valid> validate(ConsentInput in, LocalDate today) {
        Checked.Collector c = new Checked.Collector();
        if (in == null) {
            return c.add(Violation.invalid("input", "consent.input.required")).result(null);
        }
        UUID learner = Ids.parseInput(in.learnerId(), "learnerId");
        if (in.givenBy() == null) {
            c.add(Violation.invalid("givenBy", "consent.givenBy.required"));
        }
        if (in.givenOn() == null) {
            c.add(Violation.invalid("givenOn", "consent.givenOn.required"));
        } else if (in.givenOn().isAfter(today)) {
            c.add(Violation.invalid("givenOn", "consent.givenOn.future"));
        }
        List<ConsentPurpose> purposes = in.purposes() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(in.purposes().stream().filter(p -> p != null).toList()));
        if (purposes.isEmpty()) {
            c.add(Violation.invalid("purposes", "consent.purposes.required"));
        }
        return c.result(new Valid(learner, in.givenBy(), in.givenOn(), purposes));
    }

    /** The consent against the learner: given on or after its birth, by the learner only once of age. */
    public static List<Violation> checkRecord(Valid in, LocalDate birthDate, int ageOfMajority) {
        Checked.Collector c = new Checked.Collector();
        if (in.givenOn().isBefore(birthDate)) {
            c.add(Violation.invalid("givenOn", "consent.givenOn.beforeBirth"));
        }
        if (in.givenBy() == ConsentGiver.LEARNER && Period.between(birthDate, in.givenOn()).getYears() < ageOfMajority) {
            c.add(Violation.invalid("givenBy", "consent.givenBy.minor", ageOfMajority));
        }
        return c.list();
    }

    /** A withdrawal on {@code on}: of a consent in force, on or after the day it was given, not in the future. */
    public static List<Violation> checkWithdrawal(LocalDate givenOn, LocalDate withdrawnOn, LocalDate on, LocalDate today) {
        Checked.Collector c = new Checked.Collector();
        if (withdrawnOn != null) {
            c.add(Violation.of(ErrorCode.INVALID_TRANSITION, "id", "consent.alreadyWithdrawn", withdrawnOn));
        }
        if (on == null) {
            c.add(Violation.invalid("on", "consent.on.required"));
        } else if (on.isBefore(givenOn)) {
            c.add(Violation.invalid("on", "consent.on.beforeGiven", givenOn));
        } else if (on.isAfter(today)) {
            c.add(Violation.invalid("on", "consent.on.future"));
        }
        return c.list();
    }

    /** The purposes in force among a learner's consents: those of the consents not withdrawn. */
    public static Set<ConsentPurpose> inForce(List<Consent> consents) {
        Set<ConsentPurpose> out = EnumSet.noneOf(ConsentPurpose.class);
        consents.stream().filter(Consent::inForce).forEach(c -> out.addAll(c.purposes()));
        return out;
    }

    /** SQL: true when a consent for {@code purpose} is in force for the learner {@code l} (see {@link #inForce}). */
    public static String inForceSql(String l, ConsentPurpose purpose) {
        return PersonalData.consentInForce(l, purpose.name());
    }
}
