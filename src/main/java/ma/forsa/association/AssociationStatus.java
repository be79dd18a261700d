package ma.forsa.association;

public enum AssociationStatus {
    ACTIVE, SUSPENDED, DISSOLVED
}
