package ma.forsa.security;

import java.util.List;

/**
 * The learner fields domain.md treats as personal: withheld from MINISTRY (null + extensions.withheld,
 * see {@link WithheldFields}), their reads by ACADEMY_OFFICER and ADMIN audited (audit/PersonalReadAudit),
 * their changes audited by name only (audit/AuditChanges.personal), erased by the retention rule.
 */
public final class PersonalData {

    /** GraphQL field names of Learner that carry personal data. */
    public static final List<String> LEARNER_FIELDS = List.of("massarCode", "cin", "firstName", "lastName", "firstNameAr",
            "lastNameAr", "guardianName", "guardianPhone", "disability", "dropoutReason");

    private PersonalData() {
    }

    public static boolean isPersonal(String learnerField) {
        return LEARNER_FIELDS.contains(learnerField);
    }

    /** Whether the caller's role may see learners' personal fields (all roles but MINISTRY). */
    public static boolean visibleTo(AccessScope scope) {
        return scope.seesLearnerIdentity();
    }
}
