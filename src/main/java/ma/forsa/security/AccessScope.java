package ma.forsa.security;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking and what they may reach, built once per request from the verified token and the standing of
 * the caller's association, then handed to services, which turn it into SQL with {@link ScopeSql}.
 * {@code role} is the caller's most powerful role; {@code locale} the language of its messages (Accept-Language).
 */
public record AccessScope(String subject, Role role, Set<Role> roles, String academyCode, UUID associationId,
        Standing standing, String requestId, Locale locale) {

    public AccessScope {
        roles = Set.copyOf(roles);
        if (standing == null) {
            standing = Standing.ACTIVE;
        }
        if (locale == null) {
            locale = Locale.ENGLISH;
        }
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

    /** MINISTRY sees learners pseudonymised: no names, MASSAR code, CIN, phone, guardian or free text. */
    public boolean seesLearnerIdentity() {
        return Policy.allows(this, Action.READ_LEARNER_IDENTITY);
    }

    /** The same caller answered in another language (the import's reports default to French). */
    public AccessScope inLanguage(Locale language) {
        return new AccessScope(subject, role, roles, academyCode, associationId, standing, requestId, language);
    }
}
