package ma.forsa.agreement;

public enum TrancheStatus {
    PLANNED, PAID, WITHHELD
}
