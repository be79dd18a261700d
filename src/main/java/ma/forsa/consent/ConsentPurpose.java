package ma.forsa.consent;

/** What a consent allows (docs/casework.md, "Guardian consent"). */
public enum ConsentPurpose {
    /** Keeping the learner in the registry and following it up in the programme. */
    REGISTRATION_AND_FOLLOW_UP,
    /** Contacting the learner or its guardian after it has left the programme (guardianName, guardianPhone shown). */
    CONTACT_AFTER_EXIT,
    /** Sharing what a referral needs with the receiving association (no referral without it). */
    SHARING_ON_REFERRAL
}
