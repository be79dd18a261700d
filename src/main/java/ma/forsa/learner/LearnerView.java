package ma.forsa.learner;

import ma.forsa.security.AccessScope;

/**
 * The one place that decides which of a learner's personal fields a viewer sees. Learners are
 * minors: MINISTRY sees them pseudonymised (identity and all personal details null); disability and
 * the reason for leaving school are shown only to ADMIN and to the association that follows the
 * learner now.
 */
public final class LearnerView {

    private LearnerView() {
    }

    public static Learner of(LearnerRow r, AccessScope scope) {
        String id = r.id().toString();
        if (!scope.seesLearnerIdentity()) {
            return new Learner(id, null, null, null, r.birthDate(), r.sex(), r.provinceOfResidenceCode(), null, r.version(),
                    null, null, null, null, null, null, null, null, null);
        }
        boolean sensitive = seesSensitive(r, scope);
        return new Learner(id, r.massarCode(), r.firstName(), r.lastName(), r.birthDate(), r.sex(),
                r.provinceOfResidenceCode(), r.guardianPhone(), r.version(), r.cin(), r.firstNameAr(), r.lastNameAr(),
                r.guardianName(), sensitive ? r.disability() : null, r.lastGradeCompleted(), r.leftSchoolYear(),
                sensitive ? r.dropoutReason() : null, r.consentRecordedOn());
    }

    /** Disability and dropout reason: ADMIN, and staff of the association following the learner. */
    public static boolean seesSensitive(LearnerRow r, AccessScope scope) {
        return scope.isAdmin()
                || (scope.associationScope() != null && scope.associationScope().equals(r.holderAssociationId()));
    }
}
