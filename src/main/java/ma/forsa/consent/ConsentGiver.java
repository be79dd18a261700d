package ma.forsa.consent;

/** Who gave a consent: the guardian, or the learner itself once of age (forsa.consent.age-of-majority). */
public enum ConsentGiver {
    GUARDIAN, LEARNER
}
