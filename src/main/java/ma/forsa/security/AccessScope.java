package ma.forsa.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who is asking and what they may reach, derived once per request from the JWT and handed to
 * services, which turn it into SQL predicates. {@code role} is the caller's most powerful role.
 */
public record AccessScope(String subject, Role role, Set<Role> roles, String academyCode, UUID associationId,
        String requestId) {

    public AccessScope {
        roles = Set.copyOf(roles);
    }

    /** ADMIN and MINISTRY see the whole country. */
    public boolean isNational() {
        return role == Role.ADMIN || role == Role.MINISTRY;
    }

    public boolean is(Role r) {
        return role == r;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The academy the caller is confined to, or null when national or association-scoped. */
    public String academyScope() {
        return role == Role.ACADEMY_OFFICER ? academyCode : null;
    }

    /** The association the caller is confined to, or null. */
    public UUID associationScope() {
        return role == Role.ASSOCIATION_STAFF ? associationId : null;
    }

    /** MINISTRY sees learners pseudonymised: no names, MASSAR code, CIN, phone or guardian. */
    public boolean seesLearnerIdentity() {
        return role != Role.MINISTRY;
    }
}
