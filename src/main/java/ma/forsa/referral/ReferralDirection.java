package ma.forsa.referral;

/** Referrals the caller sends (its centre is the sending one) or receives (its centre is the receiving one). */
public enum ReferralDirection {
    OUTGOING, INCOMING
}
