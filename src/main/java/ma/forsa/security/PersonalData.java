package ma.forsa.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import ma.forsa.common.db.Sql.Fragment;

/**
 * Which learner data each caller sees (domain.md): the one place for personal and sensitive fields.
 * <ul>
 * <li>Identity ({@link #LEARNER_FIELDS} and the schooling details, {@link #PSEUDONYMISED}): withheld from callers
 * without READ_LEARNER_IDENTITY (MINISTRY sees learners pseudonymised) and, from an ACADEMY_OFFICER, for every learner
 * it holds no live access grant for (break the glass, {@link Policy#needsGrant}); reads by ACADEMY_OFFICER and ADMIN
 * are audited (READ_PERSONAL, with the grant's id for an officer).</li>
 * <li>Sensitive free text and disability ({@link #SENSITIVE}: dropoutReason, disability, Enrollment.exitReason):
 * only ADMIN and the staff of the association that follows the learner (READ_SENSITIVE); the audit trail records
 * the field name only.</li>
 * <li>Contact data ({@link #CONTACT}: guardianName, guardianPhone) of a learner who has left the programme (no open
 * enrollment, at least one COMPLETED or DROPPED_OUT): shown only while a consent for CONTACT_AFTER_EXIT is in force
 * ({@link #contactWithheld}), whoever asks.</li>
 * </ul>
 * {@code learner/LearnerView} applies these decisions ({@link #sees}); it is the one place that masks learner fields.
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

    /** Contact fields of a learner, withheld after exit without a consent for CONTACT_AFTER_EXIT. */
    public static final Set<String> CONTACT = Set.of("guardianName", "guardianPhone");

    /** Free-text fields written about a learner: never copied into the audit trail, erased by the retention rule. */
    public static final Set<String> FREE_TEXT = Set.of("dropoutReason", "exitReason");

    private PersonalData() {
    }

    public static boolean isPersonal(String learnerField) {
        return LEARNER_FIELDS.contains(learnerField);
    }

    /**
     * Whether the caller sees the identity of every learner in its scope, without a grant: ADMIN and association staff
     * (MINISTRY never; an ACADEMY_OFFICER only learner by learner, {@link #seesIdentity(AccessScope, UUID)}).
     */
    public static boolean seesIdentity(AccessScope scope) {
        return Policy.allows(scope, Action.READ_LEARNER_IDENTITY) && !Policy.needsGrant(scope, Action.READ_LEARNER_IDENTITY);
    }

    /** Whether the caller sees this learner's identity: READ_LEARNER_IDENTITY, under a live grant where one is needed. */
    public static boolean seesIdentity(AccessScope scope, UUID learnerId) {
        return Policy.allows(scope, Action.READ_LEARNER_IDENTITY, learnerId);
    }

    /**
     * Which learners a search by identity (words of the name, MASSAR code) may find, on {@code FROM learner l}: all (in
     * scope) for callers who see identities, the learners of its live grants for an ACADEMY_OFFICER (a search must not
     * tell it who is who), null when the caller may not search by identity at all.
     */
    public static Fragment findableByIdentity(AccessScope scope, String l) {
        if (seesIdentity(scope)) {
            return Fragment.TRUE;
        }
        if (Policy.allows(scope, Action.READ_LEARNER_IDENTITY)) {
            return Fragment.of(l + ".id = ANY(?)", (Object) scope.identityGrants().keySet().toArray(UUID[]::new));
        }
        return null;
    }

    /**
     * Whether the caller sees {@code field} (a GraphQL field of Learner) of a learner: {@code followingAssociation}
     * follows it, {@code contactWithheld} is the value of {@link #contactWithheld} for it. Fields outside
     * {@link #PSEUDONYMISED} are shown to everyone who sees the learner.
     */
    public static boolean sees(AccessScope scope, String field, UUID learnerId, UUID followingAssociation,
            boolean contactWithheld) {
        if (!PSEUDONYMISED.contains(field)) {
            return true;
        }
        if (!seesIdentity(scope, learnerId)) {
            return false;
        }
        if (SENSITIVE.contains(field)) {
            return seesSensitive(scope, followingAssociation);
        }
        return !(CONTACT.contains(field) && contactWithheld);
    }

    /**
     * SQL: true when the learner {@code l} has left the programme (no open enrollment, at least one that ended
     * COMPLETED or DROPPED_OUT) and no consent for CONTACT_AFTER_EXIT is in force: its contact data is then withheld
     * ({@link #CONTACT}).
     */
    public static String contactWithheld(String l) {
        // one aggregate over the learner's own enrollments (an index look-up per learner: a scalar subquery is never turned
        // into a hash of every enrollment, which an EXISTS in a page's column list was: 400 ms per page at 100k learners)
        return "(coalesce((SELECT bool_and(ce.status NOT IN ('ENROLLED', 'ACTIVE')) AND bool_or(ce.status IN ('COMPLETED', "
                + "'DROPPED_OUT')) FROM enrollment ce WHERE ce.learner_id = " + l + ".id), false) AND NOT "
                + consentInForce(l, "CONTACT_AFTER_EXIT") + ")";
    }

    /**
     * SQL: true when a consent for {@code purpose} (a value of consent/ConsentPurpose) is in force for the learner
     * {@code l}: one of its consent records names the purpose and is not withdrawn. The one definition of "in force",
     * shared by the consent feature, referrals ({@code SHARING_ON_REFERRAL}) and the contact rule above.
     */
    public static String consentInForce(String l, String purpose) {
        if (!purpose.matches("[A-Z_]{1,40}")) {
            throw new IllegalArgumentException("Not a consent purpose: " + purpose);
        }
        // OFFSET 0: PostgreSQL then keeps the EXISTS a look-up per learner instead of hashing every consent record
        return "EXISTS (SELECT 1 FROM consent_record cc WHERE cc.learner_id = " + l + ".id AND cc.withdrawn_on IS NULL "
                + "AND '" + purpose + "' = ANY (cc.purposes) OFFSET 0)";
    }

    /**
     * SQL: true when every consent recorded for the learner {@code l} was withdrawn (at least one was recorded): no
     * purpose is in force any more, and the retention rule may anonymise the learner early (privacy/RetentionJob).
     */
    public static String consentEntirelyWithdrawn(String l) {
        return "(EXISTS (SELECT 1 FROM consent_record cw WHERE cw.learner_id = " + l + ".id) AND NOT EXISTS (SELECT 1 FROM "
                + "consent_record cw WHERE cw.learner_id = " + l + ".id AND cw.withdrawn_on IS NULL))";
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
