package ma.forsa.agreement;

public enum AgreementKind {
    CENTER_MANAGEMENT, FRAMEWORK
}
