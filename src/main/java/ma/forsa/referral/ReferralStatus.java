package ma.forsa.referral;

/** PROPOSED by the sending side, then ACCEPTED or DECLINED by the receiving side, or EXPIRED unanswered. */
public enum ReferralStatus {
    PROPOSED, ACCEPTED, DECLINED, EXPIRED
}
