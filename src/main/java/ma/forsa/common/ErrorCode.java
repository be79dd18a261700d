package ma.forsa.common;

/**
 * The error codes carried in {@code extensions.code} (REST: {@code code}). The first eight are the contract's;
 * the others are Forsa's additions (docs/api/errors.md lists them all with their HTTP statuses).
 */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    VALIDATION,
    CONFLICT,
    DUPLICATE_SUSPECTED,
    INVALID_TRANSITION,
    CAPACITY_EXCEEDED,
    /** The learner was anonymised by the retention rule: the record is kept for statistics and refuses every write. */
    ANONYMISED,
    /** Anything that is not a deliberate API error: the generic message and the request id, nothing else. */
    INTERNAL
}
