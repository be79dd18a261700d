package ma.forsa.learner;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * A young person in the programme, as the viewer may see them (GraphQL type). Built only by
 * {@link LearnerView}, which blanks what the viewer's role may not see.
 */
@Type("Learner")
public record Learner(@Id @NonNull String id,
        @Description("National pupil id (MASSAR). Null for viewers who see learners pseudonymised.") String massarCode,
        String firstName, String lastName, @NonNull LocalDate birthDate, @NonNull Sex sex,
        @Ignore String provinceOfResidenceCode, String guardianPhone, int version,
        @Description("National identity card number. Null for viewers who see learners pseudonymised.") String cin,
        String firstNameAr, String lastNameAr, String guardianName,
        @Description("Visible to ADMIN and to the association that follows the learner; null otherwise.") Boolean disability,
        String lastGradeCompleted, Integer leftSchoolYear,
        @Description("Visible to ADMIN and to the association that follows the learner; null otherwise.") String dropoutReason,
        LocalDate consentRecordedOn) {

    /** By id alone (records that are equal have the same id): a batch's key is hashed several times per request. */
    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(id);
    }
}
