package ma.forsa.security;

/**
 * Where the caller's association stands in the registry (ASSOCIATION_STAFF only): its status, or UNKNOWN when
 * the token names an association the registry does not have. SUSPENDED staff read but never write; DISSOLVED
 * (and UNKNOWN) staff have no access to learners at all (see {@link Policy}).
 */
public enum Standing {
    ACTIVE, SUSPENDED, DISSOLVED, UNKNOWN
}
