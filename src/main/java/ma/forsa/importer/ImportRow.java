package ma.forsa.importer;

import java.time.LocalDate;
import java.util.List;

import ma.forsa.enrollment.EnrollmentStatus;
import ma.forsa.enrollment.Strand;
import ma.forsa.learner.LearnerInputs;
import ma.forsa.outcome.OutcomeKind;

/** One valid row of an import file: a learner, the enrollment, and optionally an outcome. */
record ImportRow(int line, LearnerInputs.Valid learner, boolean notDuplicate, String centerCode, String schoolYear,
        List<Strand> strands, String vocationalField, LocalDate enrolledOn, EnrollmentStatus status, LocalDate exitedOn,
        String exitReason, OutcomeKind outcome, LocalDate observedOn, int followUpMonth, String organization,
        boolean verified) {

    /**
     * Identifies the row across uploads when the learner has no MASSAR code: same normalised name, birth
     * date, centre and school year. Stored hashed (SHA-256), so the key table holds no personal data.
     */
    String naturalKey() {
        String key = learner.nameKey() + "|" + learner.birthDate() + "|" + centerCode + "|" + schoolYear;
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
