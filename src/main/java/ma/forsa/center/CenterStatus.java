package ma.forsa.center;

public enum CenterStatus {
    OPEN, SUSPENDED, CLOSED
}
