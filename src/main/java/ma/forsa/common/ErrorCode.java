package ma.forsa.common;

/** The error codes of the contract, carried in a GraphQL error's {@code extensions.code}. */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    VALIDATION,
    CONFLICT,
    DUPLICATE_SUSPECTED,
    INVALID_TRANSITION,
    CAPACITY_EXCEEDED
}
