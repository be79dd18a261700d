package ma.forsa.agreement;

public enum AgreementStatus {
    DRAFT, SIGNED, ACTIVE, SUSPENDED, TERMINATED, EXPIRED
}
