package ma.forsa.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which learner data each caller sees (domain.md): the one place for personal and sensitive fields.
 * <ul>
 * <li>Identity ({@link #LEARNER_FIELDS} and the schooling details, {@link #PSEUDONYMISED}): withheld from callers
 * without READ_LEARNER_IDENTITY (MINISTRY sees learners pseudonymised); reads by ACADEMY_OFFICER and ADMIN are
 * audited (READ_PERSONAL).</li>
 * <li>Sensitive free text and disability ({@link #SENSITIVE}: dropoutReason, disability, Enrollment.exitReason):
 * only ADMIN and the staff of the association that follows the learner (READ_SENSITIVE); the audit trail records
 * the field name only.</li>
 * </ul>
 */
public final class PersonalData {

    /** GraphQL field names of Learner that carry personal data (their changes are audited by name only). */
    public static final List<String> LEARNER_FIELDS = List.of("massarCode", "cin", "firstName", "lastName", "firstNameAr",
            "lastNameAr", "guardianName", "guardianPhone", "disability", "dropoutReason");

    /** Learner fields null for callers who see learners pseudonymised: the personal fields and the schooling details. */
    public static final Set<String> PSEUDONYMISED = Set.copyOf(concat(LEARNER_FIELDS,
            List.of("lastGradeCompleted", "leftSchoolYear", "consentRecordedOn")));

    /** Learner fields shown only to ADMIN and the following association (Enrollment.exitReason follows the same rule). */
    public static final Set<String> SENSITIVE = Set.of("disability", "dropoutReason");

    /** Free-text fields written about a learner: never copied into the audit trail, erased by the retention rule. */
    public static final Set<String> FREE_TEXT = Set.of("dropoutReason", "exitReason");

    private PersonalData() {
    }

    public static boolean isPersonal(String learnerField) {
        return LEARNER_FIELDS.contains(learnerField);
    }

    /** Whether the caller sees learners' identities (all roles but MINISTRY; later: officers under a grant). */
    public static boolean seesIdentity(AccessScope scope) {
        return Policy.allows(scope, Action.READ_LEARNER_IDENTITY);
    }

    /**
     * Whether the caller sees the sensitive fields of a learner (or enrollment) followed by {@code followingAssociation}:
     * ADMIN, and the staff of that association.
     */
    public static boolean seesSensitive(AccessScope scope, UUID followingAssociation) {
        if (!Policy.allows(scope, Action.READ_SENSITIVE)) {
            return false;
        }
        return scope.isAdmin() || (scope.associationScope() != null && scope.associationScope().equals(followingAssociation));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
