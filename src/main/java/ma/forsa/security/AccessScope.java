package ma.forsa.security;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking and what they may reach, built once per request from the verified token and the standing of
 * the caller's association, then handed to services, which turn it into SQL with {@link ScopeSql}.
 * {@code role} is the caller's most powerful role; {@code locale} the language of its messages (Accept-Language);
 * {@code identityGrants} the learners whose identity the caller may read under a live access grant (learner id to
 * grant id; ACADEMY_OFFICER only, loaded once per request by {@link IdentityGrants}; see {@link Policy#needsGrant}).
 */
public record AccessScope(String subject, Role role, Set<Role> roles, String academyCode, UUID associationId,
        Standing standing, String requestId, Locale locale, Map<UUID, UUID> identityGrants) {

    public AccessScope {
        roles = Set.copyOf(roles);
        if (standing == null) {
            standing = Standing.ACTIVE;
        }
        if (locale == null) {
            locale = Locale.ENGLISH;
        }
        identityGrants = identityGrants == null ? Map.of() : Map.copyOf(identityGrants);
    }

    /** A caller without access grants. */
    public AccessScope(String subject, Role role, Set<Role> roles, String academyCode, UUID associationId,
            Standing standing, String requestId, Locale locale) {
        this(subject, role, roles, academyCode, associationId, standing, requestId, locale, Map.of());
    }

    /** A caller with one role and no association standing to check (tests, jobs). */
    public static AccessScope of(String subject, Role role, String academyCode, UUID associationId, String requestId) {
        return new AccessScope(subject, role, Set.of(role), academyCode, associationId, Standing.ACTIVE, requestId, null);
    }

    /** A system actor (scheduled jobs): ADMIN rights under its own subject. */
    public static AccessScope system(String subject, String requestId) {
        return of(subject, Role.ADMIN, null, null, requestId);
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

    /**
     * Whether the caller's confinement covers an academy (the academy of a province, of an agreement): national
     * roles cover every academy, an ACADEMY_OFFICER its own, ASSOCIATION_STAFF none.
     */
    public boolean coversAcademy(String academy) {
        return switch (role) {
            case ADMIN, MINISTRY -> true;
            case ACADEMY_OFFICER -> academyCode.equals(academy);
            case ASSOCIATION_STAFF -> false;
        };
    }

    /** Whether any learner, enrollment or outcome may be shown to the caller (see {@link Policy}). */
    public boolean seesLearners() {
        return Policy.allows(this, Action.READ_LEARNERS);
    }

    /**
     * Whether the caller sees the identity of every learner in its scope without an access grant. MINISTRY sees
     * learners pseudonymised; so does an ACADEMY_OFFICER, except the learners it holds a live grant for
     * ({@link PersonalData#seesIdentity(AccessScope, UUID)}).
     */
    public boolean seesLearnerIdentity() {
        return PersonalData.seesIdentity(this);
    }

    /** The caller's live access grant for this learner's identity, or null. */
    public UUID identityGrant(UUID learnerId) {
        return learnerId == null ? null : identityGrants.get(learnerId);
    }

    /** The same caller with these live grants (learner id to grant id). */
    public AccessScope withIdentityGrants(Map<UUID, UUID> grants) {
        return new AccessScope(subject, role, roles, academyCode, associationId, standing, requestId, locale, grants);
    }

    /** The same caller with one more live grant (the answer of the request that made it). */
    public AccessScope withIdentityGrant(UUID learnerId, UUID grantId) {
        Map<UUID, UUID> grants = new HashMap<>(identityGrants);
        grants.put(learnerId, grantId);
        return new AccessScope(subject, role, roles, academyCode, associationId, standing, requestId, locale, grants);
    }

    /** The same caller answered in another language (the import's reports default to French). */
    public AccessScope inLanguage(Locale language) {
        return new AccessScope(subject, role, roles, academyCode, associationId, standing, requestId, language,
                identityGrants);
    }
}
