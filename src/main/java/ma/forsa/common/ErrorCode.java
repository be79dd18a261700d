package ma.forsa.common;

/**
 * The error codes carried in {@code extensions.code} (REST: {@code code}), the one documented list
 * (docs/api/errors.md, with the HTTP status of each: {@link ApiExceptionMapper#status}). The first eight are the
 * contract's; the others are Forsa's additions.
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
    /** The HTTP request is not a well-formed GraphQL-over-HTTP (or REST) request: not JSON, no query, wrong parameters. */
    BAD_REQUEST,
    /** The document is not GraphQL (syntax): extensions.line / extensions.column say where. */
    GRAPHQL_PARSE_FAILED,
    /** The document is GraphQL but does not fit the schema (unknown field, missing argument...). */
    GRAPHQL_VALIDATION_FAILED,
    /** The document costs more than the limits (cost, depth, root fields, size): extensions.cost / limit. */
    QUERY_TOO_COMPLEX,
    /** Automatic persisted query: the hash is not known here; send the query again with its hash. */
    PERSISTED_QUERY_NOT_FOUND,
    /** A mutation over GET, or a method the endpoint does not serve. */
    METHOD_NOT_ALLOWED,
    /** The request body is larger than the endpoint accepts. */
    PAYLOAD_TOO_LARGE,
    /** The Accept header names no media type this endpoint produces. */
    NOT_ACCEPTABLE,
    /** The Idempotency-Key was used for another request (other document or variables) within its lifetime. */
    IDEMPOTENCY_KEY_REUSED,
    /** A request with the same Idempotency-Key is still being processed: retry after it finishes. */
    IDEMPOTENCY_KEY_IN_USE,
    /** Too many subscriptions at once on one websocket connection, or for one token subject on one server. */
    TOO_MANY_SUBSCRIPTIONS,
    /** Anything that is not a deliberate API error: the generic message and the request id, nothing else. */
    INTERNAL
}
