package ma.forsa.audit;

public enum AuditAction {
    CREATE, UPDATE, TRANSITION, READ_PERSONAL, EXPORT, IMPORT, ANONYMISE, REFUSED
}
